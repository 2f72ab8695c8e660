package dev.meridian.core.lifecycle.gc;

import java.time.Duration;

/**
 * Garbage collection settings of one region.
 *
 * @param grace how long a blob must have been neither stored nor used by a push before it may be
 *     collected (default 24 h, as distribution's and Harbor's "time window"); also the margin that
 *     makes a push request that started before the run safe (docs/lifecycle.md), so it must stay
 *     longer than any push request may last
 * @param runsKept how many run reports {@code GET /meridian/v1/gc/runs} keeps
 */
public record GcSettings(Duration grace, int runsKept) {
  public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

  public GcSettings {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("gc grace must be zero or positive");
    }
    if (runsKept < 1) {
      throw new IllegalArgumentException("gc runsKept must be at least 1");
    }
  }

  public static GcSettings defaults() {
    return new GcSettings(DEFAULT_GRACE, 100);
  }
}
