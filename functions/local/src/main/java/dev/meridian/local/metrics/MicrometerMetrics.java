package dev.meridian.local.metrics;

import dev.meridian.core.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@link Metrics} port on Micrometer, exposed in Prometheus's text format ({@link #scrape}).
 * Timers and summaries publish histogram buckets, so latencies and replication lag can be
 * aggregated across regions ({@code histogram_quantile} over {@code _bucket}), which
 * client-side percentiles cannot.
 */
public final class MicrometerMetrics implements Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /**
   * Counters and timers by name and tags as given. Every request reports two or three meters, and
   * a builder's register sorts the tags into an id and looks it up each time; a hit here is one
   * hash of the same strings.
   */
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
  private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

  @Override
  public void count(String name, long amount, String... tags) {
    counters.computeIfAbsent(key(name, tags),
        k -> Counter.builder(name).tags(tags).register(registry)).increment(amount);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {
    timers.computeIfAbsent(key(name, tags), k -> Timer.builder(name).tags(tags)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1))
        .register(registry)).record(duration);
  }

  private static List<String> key(String name, String... tags) {
    String[] key = new String[tags.length + 1];
    key[0] = name;
    System.arraycopy(tags, 0, key, 1, tags.length);
    return Arrays.asList(key);
  }

  @Override
  public void observe(String name, double amount, String... tags) {
    DistributionSummary.builder(name).tags(tags).publishPercentileHistogram().register(registry)
        .record(amount);
  }

  @Override
  public void gauge(String name, Supplier<Number> value, String... tags) {
    Gauge.builder(name, value).tags(tags).register(registry);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }
}
