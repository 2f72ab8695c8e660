package dev.meridian.local.runtime;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's stand-in for template.yaml's {@code GcFunction} schedule: one thread per
 * region invokes its {@code gc} function every {@link #interval()} (docs/lifecycle.md). The
 * interval is {@code MERIDIAN_GC_INTERVAL} (or the system property {@code meridian.gc.interval}),
 * in seconds, default one hour; 0 turns the loop off ({@code POST /meridian/v1/gc} still runs
 * one on demand).
 */
public final class LocalGcLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalGcLoop.class);
  static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  private final BackgroundLoops loops = new BackgroundLoops();
  private final Duration interval;

  public LocalGcLoop() {
    this(interval(System.getProperty("meridian.gc.interval",
        System.getenv("MERIDIAN_GC_INTERVAL"))));
  }

  LocalGcLoop(Duration interval) {
    this.interval = interval;
  }

  /** The interval from its setting's text (seconds); null or blank is the default. */
  static Duration interval(String seconds) {
    if (seconds == null || seconds.isBlank()) {
      return DEFAULT_INTERVAL;
    }
    long value;
    try {
      value = Long.parseLong(seconds.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("MERIDIAN_GC_INTERVAL: seconds expected, got " + seconds);
    }
    if (value < 0) {
      throw new IllegalArgumentException("MERIDIAN_GC_INTERVAL: must be 0 (off) or more");
    }
    return Duration.ofSeconds(value);
  }

  public Duration interval() {
    return interval;
  }

  /** Starts {@code region}'s loop; {@code gc} null (no such function) or interval 0: none. */
  public void addRegion(String region, Supplier<?> gc) {
    if (gc != null && !interval.isZero()) {
      loops.every("gc-" + region, interval, interval, () -> run(region, gc));
    }
  }

  private void run(String region, Supplier<?> gc) {
    try {
      gc.get(); // the collector logs what it deleted and keeps its report
    } catch (RuntimeException e) { // a peer briefly unreachable: the next run goes on
      if (!loops.closing()) {
        LOG.warn("region {}: gc failed: {}", region, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    loops.close();
  }
}
