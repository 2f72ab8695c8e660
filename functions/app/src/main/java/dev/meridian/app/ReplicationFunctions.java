package dev.meridian.app;

import dev.meridian.app.aws.AwsStorageAutoConfiguration;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.admin.ReplicationBacklog;
import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.metrics.GlobalMetrics;
import dev.meridian.core.metrics.ReplicationLagMeter;
import dev.meridian.core.replication.ObjectCreated;
import dev.meridian.core.replication.Reconciler;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.replication.ReplicationListener;
import dev.meridian.core.replication.Replicator;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * The event-facing functions (docs/architecture.md "The functions"): {@code replicate} for the
 * region's ObjectCreated notifications and {@code reconcile} for the schedule. Both need the
 * region's {@link ReplicaSet} bean (every region's bucket, index and event log; {@code
 * AwsStorageAutoConfiguration} builds it from {@code MERIDIAN_PEERS}).
 *
 * <p>Replication reaches this process's tag cache and clock through {@link
 * ReplicationListener#of(ManifestService)}: in the local runtime the same context serves pulls,
 * so a replicated tag update invalidates the cache that serves them. Failures escape, so the
 * platform retries (Lambda's async retries; the local runtime's delivery queue).
 *
 * <p>An auto-configuration, so it is evaluated after the storage one: a context without a
 * replica set (API tests with in-memory storage only) simply has no replication functions.
 */
@AutoConfiguration(after = AwsStorageAutoConfiguration.class)
@ConditionalOnBean(ReplicaSet.class)
public class ReplicationFunctions {
  private static final System.Logger LOG = System.getLogger(ReplicationFunctions.class.getName());

  public static final String REPLICATE = "replicate";
  public static final String RECONCILE = "reconcile";

  @Bean
  Replicator replicator(ReplicaSet replicas, MeridianProperties p, ManifestService manifests) {
    return new Replicator(replicas, p.regionSeed(), new ReplicationLagMeter(
        ReplicationListener.of(manifests), p.region(), p.regionSeed(), Clock.systemUTC()),
        Clock.systemUTC());
  }

  @Bean
  Reconciler reconciler(ReplicaSet replicas, MeridianProperties p, ManifestService manifests) {
    return new Reconciler(replicas, p.regionSeed(), ReplicationListener.of(manifests), Clock.systemUTC());
  }

  /** One S3 event's records, in order; the first failure escapes (the event is retried). */
  @Bean
  public Consumer<List<ObjectCreated>> replicate(Replicator replicator) {
    return notifications -> notifications.forEach(replicator::handle);
  }

  @Bean
  public Supplier<Reconciler.Report> reconcile(Reconciler reconciler) {
    return reconciler::reconcile;
  }

  /** Each peer's backlog ({@code meridian.replication.backlog}): a gauge locally, EMF on Lambda. */
  @Bean
  public ReplicationBacklog replicationBacklog(ReplicaSet replicas, MeridianProperties p) {
    return new ReplicationBacklog(replicas, p.regionSeed());
  }

  /** Reports {@code backlog} to the process's metrics once; a failure to read it is logged. */
  public static void reportBacklog(ReplicationBacklog backlog, String region) {
    try {
      backlog.report(GlobalMetrics.get(), region);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "replication backlog of " + region
          + " not reported: " + e.getMessage());
    }
  }
}
