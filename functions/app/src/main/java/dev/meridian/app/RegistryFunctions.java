package dev.meridian.app;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.app.console.ConsoleHandler;
import dev.meridian.app.lifecycle.LifecycleFunctions;
import dev.meridian.core.admin.AdminApi;
import dev.meridian.core.admin.PullSettingsRoutes;
import dev.meridian.core.audit.AuditClassifier;
import dev.meridian.core.audit.AuditLog;
import dev.meridian.core.audit.AuditRoutes;
import dev.meridian.core.audit.AuditingHttpHandler;
import dev.meridian.core.audit.BackgroundAuditWriter;
import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.builds.BuildRoutes;
import dev.meridian.core.builds.TaskRoutes;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.lifecycle.Lifecycle;
import dev.meridian.core.lifecycle.quota.QuotaGate;
import dev.meridian.core.manifest.BlobSource;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.manifest.ReplicaReads;
import dev.meridian.core.replication.PeerBlobFetcher;
import dev.meridian.core.replication.PeerReads;
import dev.meridian.core.replication.PullSettings;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.replication.Replicator;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.webhooks.WebhookRoutes;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP-facing functions. {@code pull} and {@code push} share one region handler; the split
 * mirrors AWS routing (docs/architecture.md "The functions"), where each is its own Lambda picked
 * with {@code spring_cloud_function_definition}.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryFunctions {

  public static final String PULL = "pull";
  public static final String PUSH = "push";
  public static final Set<String> PULL_METHODS = Set.of("GET", "HEAD");
  public static final Set<String> PUSH_METHODS = Set.of("POST", "PATCH", "PUT", "DELETE");

  /**
   * Built with the region's {@link EventLog} when there is one (local pushes and deletes append
   * events); shared with {@link ReplicationFunctions}, whose listener invalidates its tag cache,
   * and with the lifecycle, whose locks guard it.
   */
  @Bean
  ManifestService manifestService(MeridianProperties properties, RegionStorage storage,
      ObjectProvider<EventLog> eventLog, ObjectProvider<ReplicaSet> replicas) {
    // With peers, a manifest PUT whose blobs were uploaded to another region fetches them from
    // there (write-anywhere, docs/replication.md) instead of failing with MANIFEST_BLOB_UNKNOWN.
    ReplicaSet peers = replicas.getIfAvailable();
    BlobSource blobSource = peers == null ? BlobSource.NONE
        : PeerBlobFetcher.of(peers, properties.regionSeed(), Clock.systemUTC());
    return new ManifestService(properties.registrySettings(), storage.objects(),
        storage.index(), Clock.systemUTC(), eventLog.getIfAvailable(), blobSource);
  }

  @Bean
  ManifestEndpoints manifestEndpoints(MeridianProperties properties, RegionStorage storage,
      ManifestService manifestService, ReplicaReads replicaReads) {
    return new ManifestEndpoints(properties.registrySettings(), manifestService, storage.index(),
        replicaReads);
  }

  /**
   * What a pull that misses here learns from the peers: where the content is, a
   * read-through with {@code onMiss: fetch}, and a copy of it pulled ahead of replication (by this
   * context's {@code Replicator}, asked for lazily: it is built on the manifest service).
   */
  @Bean
  ReplicaReads replicaReads(MeridianProperties properties, ObjectProvider<ReplicaSet> replicas,
      ObjectProvider<PullSettings> pullSettings, ObjectProvider<Replicator> replicator) {
    // MERIDIAN_PULL_THROUGH_APPLY=false (template.yaml's pull function): copy only, and let the
    // copy's notification have the replicate function apply it.
    ReplicaSet peers = replicas.getIfAvailable();
    return peers == null ? ReplicaReads.NONE
        : PeerReads.of(peers, properties.regionSeed(), Clock.systemUTC(),
            properties.presignValidity(), pullSettings.getObject(),
            properties.replication().pullThroughApply() ? replicator::getIfAvailable
                : () -> null);
  }

  /** The {@code onMiss} settings, held in every region's bucket. */
  @Bean
  PullSettings pullSettings(MeridianProperties properties, ObjectProvider<ReplicaSet> replicas) {
    ReplicaSet peers = replicas.getIfAvailable();
    return peers == null ? null : new PullSettings(peers, properties.regionSeed());
  }

  /**
   * The region's API: the OCI endpoints, and under {@code /meridian/v1/} the routes of every
   * capability this region has (a region without peers has no admin API; docs/architecture.md,
   * "Routes").
   */
  @Bean
  HttpHandler registryHttpApi(MeridianProperties properties, RegionStorage storage,
      ManifestEndpoints manifestEndpoints, ObjectProvider<ReplicaSet> replicas,
      ObjectProvider<WebhookRoutes> webhooks, ObjectProvider<BuildRoutes> builds,
      ObjectProvider<TaskRoutes> tasks, ObjectProvider<RegistryAuth> auth,
      ReplicaReads replicaReads, ObjectProvider<PullSettings> pullSettings,
      ObjectProvider<AuditLog> audit, ObjectProvider<AuditClassifier> auditClassifier,
      ObjectProvider<BackgroundAuditWriter> pullAudit,
      ObjectProvider<LifecycleFunctions.Lifecycle> lifecycle,
      ObjectProvider<Lifecycle> retentionLocks) {
    RegistrySettings settings = properties.registrySettings();
    LifecycleFunctions.Lifecycle gc = lifecycle.getIfAvailable();
    RegistryAssembly.Builder region = RegistryAssembly.region(settings, storage.objects(),
        storage.index(), storage.uploads(), Clock.systemUTC())
        .manifests(manifestEndpoints).replicaReads(replicaReads)
        .quotas(gc == null ? QuotaGate.NONE : gc.quotas());
    auth.ifAvailable(region::auth);
    AuditLog auditLog = audit.getIfAvailable();
    ReplicaSet peers = replicas.getIfAvailable();
    if (peers != null) {
      region.routes(new AdminApi(peers, settings.regionSeed(), settings.regionEndpoints(),
          Clock.systemUTC()));
      region.routes(new PullSettingsRoutes(pullSettings.getObject()));
      if (auditLog != null) {
        region.routes(new AuditRoutes(auditLog, properties.region()));
      }
      webhooks.ifAvailable(region::routes);
      builds.ifAvailable(region::routes);
      tasks.ifAvailable(region::routes);
      if (gc != null) {
        gc.routes().forEach(region::routes); // gc, usage, quotas (docs/lifecycle.md)
      }
      retentionLocks.ifAvailable(l -> region.routes(l.routes())); // retention, locks, soft delete
    }
    HttpHandler api = region.httpApi();
    if (auditLog != null) {
      api = new AuditingHttpHandler(api, auditClassifier.getObject(), auditLog,
          pullAudit.getIfAvailable()); // none on Lambda: pulls appended inline there
    }
    return new ConsoleHandler(api); // /ui/: the web console's assets (docs/console.md)
  }

  @Bean
  public Function<HttpRequest, HttpResponse> pull(HttpHandler registryHttpApi) {
    return new MethodScopedFunction(PULL, PULL_METHODS, registryHttpApi);
  }

  @Bean
  public Function<HttpRequest, HttpResponse> push(HttpHandler registryHttpApi) {
    return new MethodScopedFunction(PUSH, PUSH_METHODS, registryHttpApi);
  }
}
