package dev.meridian.core.builds;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.ObjectStore;

/**
 * One region as builds see it: its counter, its run records, its bucket (contexts and logs) and
 * how many runs it takes at once.
 *
 * @param capacity concurrent runs (queued + running) before enqueue looks for another region;
 *     {@link #UNLIMITED}: never full
 */
public record BuildRegion(String name, Seed seed, RunIdAllocator allocator, RunStore runs,
    ObjectStore objects, int capacity) {
  public static final int UNLIMITED = Integer.MAX_VALUE;

  public BuildRegion {
    if (!seed.equals(allocator.seed())) {
      throw new IllegalArgumentException("region " + name + " (" + seed
          + ") has the counter of " + allocator.seed());
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity of " + name + " must be at least 1");
    }
  }

  /** Whether it takes another run now (a hint: racing enqueues may overshoot by a few). */
  public boolean hasRoom() {
    return capacity == UNLIMITED || runs.active(capacity) < capacity;
  }
}
