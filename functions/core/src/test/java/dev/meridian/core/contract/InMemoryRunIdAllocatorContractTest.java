package dev.meridian.core.contract;

import dev.meridian.core.builds.RunIdAllocator;
import dev.meridian.core.fakes.InMemoryRunIdAllocator;
import dev.meridian.core.naming.Seed;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

class InMemoryRunIdAllocatorContractTest extends RunIdAllocatorContract {
  private final Map<RunIdAllocator, AtomicLong> counters = new IdentityHashMap<>();

  @Override
  protected RunIdAllocator newCounter(String seed) {
    AtomicLong counter = new AtomicLong();
    RunIdAllocator a = new InMemoryRunIdAllocator(new Seed(seed), counter);
    counters.put(a, counter);
    return a;
  }

  @Override
  protected RunIdAllocator sameCounter(RunIdAllocator first) {
    return new InMemoryRunIdAllocator(first.seed(), counters.get(first));
  }
}
