package dev.meridian.core.metrics;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Port: where Meridian's measurements go — Micrometer with a Prometheus endpoint in the local
 * runtime ({@code MicrometerMetrics}), CloudWatch Embedded Metric Format log lines on Lambda
 * ({@code EmfMetrics}). Names are {@link MetricNames}; tags come as name/value pairs ({@code
 * "region", "eastus", "peer", "ab"}). Core stays free of any metrics library: it calls this port.
 */
public interface Metrics {

  /** Adds {@code amount} to a counter. */
  void count(String name, long amount, String... tags);

  /** One timed occurrence (a request, a build run, a replication lag): count, sum, histogram. */
  void time(String name, Duration duration, String... tags);

  /** One observed amount (bytes of a request): count, sum, histogram. */
  void observe(String name, double amount, String... tags);

  /**
   * A value read when the metrics are collected (a backlog, a queue depth). Where nothing
   * collects (Lambda, whose process freezes between invocations) it is not reported.
   */
  void gauge(String name, Supplier<Number> value, String... tags);

  /** Measures nothing. */
  Metrics NONE = new Metrics() {
    @Override
    public void count(String name, long amount, String... tags) {}

    @Override
    public void time(String name, Duration duration, String... tags) {}

    @Override
    public void observe(String name, double amount, String... tags) {}

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {}
  };
}
