package dev.meridian.core.metrics;

/**
 * Every metric Meridian reports (docs/operations.md "Metrics"). Micrometer's dotted names; the
 * Prometheus endpoint shows them in snake case with the unit ({@code meridian.http.requests} →
 * {@code meridian_http_requests_seconds_count|sum|bucket}), CloudWatch (Embedded Metric Format,
 * namespace {@code Meridian}) under the dotted name.
 */
public final class MetricNames {
  /** Timer; tags region, method, route (template), status. */
  public static final String HTTP_REQUESTS = "meridian.http.requests";
  /** Counter of request body bytes; tags region, route. */
  public static final String HTTP_BYTES_IN = "meridian.http.received.bytes";
  /** Counter of response body bytes; tags region, route. */
  public static final String HTTP_BYTES_OUT = "meridian.http.sent.bytes";
  /** Timer: from a change's version time at its origin to its application here; tags region, peer (origin). */
  public static final String REPLICATION_LAG = "meridian.replication.lag";
  /** Gauge: changes accepted here not yet acknowledged by a peer; tags region, peer. */
  public static final String REPLICATION_BACKLOG = "meridian.replication.backlog";
  /** Gauge: pending webhook deliveries (up to 1000 counted); tags region. */
  public static final String WEBHOOK_BACKLOG = "meridian.webhooks.backlog";
  /** Counter: deliveries given up (dead letters); tags region. */
  public static final String WEBHOOK_DEAD_LETTERS = "meridian.webhooks.dead.letters";
  /** Gauge: queued build runs; tags region. */
  public static final String BUILD_QUEUE = "meridian.builds.queued";
  /** Timer: a build run from start to its final state; tags region, status. */
  public static final String BUILD_RUNS = "meridian.builds.runs";
  /** Counter: bytes garbage collection removed from the bucket; tags region. */
  public static final String GC_FREED_BYTES = "meridian.gc.freed.bytes";

  private MetricNames() {}
}
