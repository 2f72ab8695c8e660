package dev.meridian.core.fakes;

import dev.meridian.core.builds.RunIdAllocator;
import java.util.concurrent.atomic.AtomicLong;

/** A region's run counter in memory; passes {@code RunIdAllocatorContract}. */
public final class InMemoryRunIdAllocator implements RunIdAllocator {
  private final String seed;
  private final AtomicLong last;

  public InMemoryRunIdAllocator(String seed) {
    this(seed, new AtomicLong());
  }

  /** Several allocators over one shared counter, as several function instances over one item. */
  public InMemoryRunIdAllocator(String seed, AtomicLong counter) {
    this.seed = seed;
    this.last = counter;
  }

  @Override
  public String seed() {
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
