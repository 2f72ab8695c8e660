package dev.meridian.core.fakes;

import dev.meridian.core.builds.RunIdAllocator;
import dev.meridian.core.naming.Seed;
import java.util.concurrent.atomic.AtomicLong;

/** A region's run counter in memory; passes {@code RunIdAllocatorContract}. */
public final class InMemoryRunIdAllocator implements RunIdAllocator {
  private final Seed seed;
  private final AtomicLong last;

  public InMemoryRunIdAllocator(Seed seed) {
    this(seed, new AtomicLong());
  }

  /** Several allocators over one shared counter, as several function instances over one item. */
  public InMemoryRunIdAllocator(Seed seed, AtomicLong counter) {
    this.seed = seed;
    this.last = counter;
  }

  @Override
  public Seed seed() {
    return seed;
  }

  @Override
  public long reserve(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("reserve at least one number, got " + count);
    }
    return last.getAndAdd(count) + 1;
  }
}
