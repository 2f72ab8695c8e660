package dev.meridian.local;

import dev.meridian.core.admin.ReplicationBacklog;
import dev.meridian.core.metrics.MetricNames;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.webhooks.WebhookStore;
import dev.meridian.local.metrics.LocalObservability;
import dev.meridian.local.metrics.MicrometerMetrics;
import dev.meridian.local.metrics.RecentBacklog;
import dev.meridian.local.metrics.RegionGauges;
import dev.meridian.local.runtime.RegionFunctions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The local runtime's metrics: one registry per process, every region's meters tagged with it. */
public final class LocalMetrics {
  /** Pending deliveries counted at most (one read of the due set, bounded). */
  static final int BACKLOG_LIMIT = 1000;
  /**
   * How long one reading of the replication backlog serves the gauges: a scrape reads every
   * peer's gauge, and several scrapers may ask at once; one bucket listing serves them all.
   */
  static final Duration BACKLOG_REFRESH = Duration.ofSeconds(5);
  private static MicrometerMetrics process;

  private LocalMetrics() {}

  /**
   * The process's registry, made and installed on first use with {@code MERIDIAN_METRICS_TOKEN}
   * and {@code MERIDIAN_LOG_FORMAT} from the environment (or the same-named system properties).
   */
  public static synchronized MicrometerMetrics process() {
    if (process == null) {
      process = new MicrometerMetrics();
      LocalObservability.install(process, setting("MERIDIAN_METRICS_TOKEN"),
          setting("MERIDIAN_LOG_FORMAT"));
    }
    return process;
  }

  /**
   * The build queue depth, webhook backlog and replication backlog (one per peer) gauges of one
   * region.
   */
  public static void regionGauges(MicrometerMetrics metrics, String region,
      RegionFunctions functions) {
    Supplier<List<String>> queued = functions.queuedBuilds();
    RegionGauges.set(metrics, MetricNames.BUILD_QUEUE, region,
        queued == null ? null : () -> queued.get().size());
    WebhookStore webhooks = functions.webhookStore();
    RegionGauges.set(metrics, MetricNames.WEBHOOK_BACKLOG, region, webhooks == null ? null
        : () -> webhooks.due(Instant.now().plus(Duration.ofDays(3650)), BACKLOG_LIMIT,
            Set.of()).size());
    ReplicationBacklog backlog = functions.replicationBacklog();
    if (backlog != null) {
      RecentBacklog recent = new RecentBacklog(backlog, BACKLOG_REFRESH);
      for (Seed peer : backlog.peerSeeds()) {
        RegionGauges.set(metrics, MetricNames.REPLICATION_BACKLOG, region,
            () -> recent.pendingChanges(peer), "peer", peer.value());
      }
    }
  }

  private static String setting(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }
}
