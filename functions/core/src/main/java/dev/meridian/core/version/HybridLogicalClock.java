package dev.meridian.core.version;

import dev.meridian.core.naming.Seed;
import java.time.Clock;

/**
 * A hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014): versions follow
 * wall-clock time but never go backwards, and a region that observes a peer's version issues only
 * higher ones afterwards, so a tag written after a replicated one wins over it.
 */
public final class HybridLogicalClock {
  private final Clock clock;
  private final Seed seed;
  private long lastMillis;
  private int lastCounter;

  public HybridLogicalClock(Clock clock, Seed seed) {
    this.clock = clock;
    this.seed = seed;
  }

  /** A version higher than every version this clock issued or observed. */
  public synchronized Version next() {
    long now = clock.millis();
    if (now > lastMillis) {
      lastMillis = now;
      lastCounter = 0;
    } else {
      lastCounter++;
      if (lastCounter > 999_999) {
        lastMillis++;
        lastCounter = 0;
      }
    }
    return new Version(lastMillis, lastCounter, seed);
  }

  /** Moves the clock past a version seen from a peer. */
  public synchronized void observe(Version seen) {
    if (seen.millis() > lastMillis
        || (seen.millis() == lastMillis && seen.counter() > lastCounter)) {
      lastMillis = seen.millis();
      lastCounter = seen.counter();
    }
  }
}
