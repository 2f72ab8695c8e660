package dev.meridian.local.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's stand-in for the {@code LifecycleFunction} schedule of template.yaml: one
 * thread per region invokes its {@code lifecycle} function (repin write-locked tags, retention on
 * what the region owns; docs/retention-and-locks.md) every {@link #period()}. {@code
 * -Dmeridian.local.lifecycle.period=PT10M} changes the period; {@code PT0S} leaves only the
 * on-demand passes ({@link #runAll}), which the end-to-end tests use.
 */
public final class LocalLifecycle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalLifecycle.class);
  static final Duration DEFAULT_PERIOD = Duration.ofMinutes(5);

  private final BackgroundLoops loops = new BackgroundLoops();
  private final Map<String, Supplier<?>> passes = new LinkedHashMap<>();

  static Duration period() {
    String configured = System.getProperty("meridian.local.lifecycle.period");
    return configured == null ? DEFAULT_PERIOD : Duration.parse(configured);
  }

  /** Starts {@code region}'s loop; {@code pass} null (no such function) starts nothing. */
  public synchronized void addRegion(String region, Supplier<?> pass) {
    if (pass == null) {
      return;
    }
    passes.put(region, pass);
    Duration period = period();
    if (!period.isZero()) {
      loops.every("lifecycle-" + region, period, period, () -> run(region, pass));
    }
  }

  /** One pass in every region, in regions-file order; each region's summary. */
  public synchronized Map<String, Object> runAll() {
    Map<String, Object> summaries = new LinkedHashMap<>();
    passes.forEach((region, pass) -> summaries.put(region, pass.get()));
    return summaries;
  }

  private void run(String region, Supplier<?> pass) {
    try {
      Object summary = pass.get();
      LOG.info("region {}: lifecycle pass {}", region, summary);
    } catch (RuntimeException e) { // storage briefly unreachable: the next pass goes on
      if (!loops.closing()) {
        LOG.warn("region {}: lifecycle pass failed: {}", region, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    loops.close();
  }
}
