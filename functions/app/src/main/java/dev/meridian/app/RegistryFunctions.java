package dev.meridian.app;

import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.webhooks.WebhookRoutes;
import dev.meridian.core.builds.BuildRoutes;
import dev.meridian.core.replication.PeerBlobFetcher;
import dev.meridian.core.manifest.BlobSource;
import dev.meridian.core.api.RegistrySettings;
import dev.meridian.core.api.AdminRoutes;
import dev.meridian.core.admin.AdminApi;
import dev.meridian.core.api.RegistryAssembly;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.lifecycle.Lifecycle;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestEndpoints;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP-facing functions. {@code pull} and {@code push} share one region handler; the split
 * mirrors AWS routing (DESIGN.md "The functions"), where each is its own Lambda picked with
 * {@code spring_cloud_function_definition}.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryFunctions {

  public static final String PULL = "pull";
  public static final String PUSH = "push";
  public static final Set<String> PULL_METHODS = Set.of("GET", "HEAD");
  public static final Set<String> PUSH_METHODS = Set.of("POST", "PATCH", "PUT", "DELETE");

  /**
   * Built with the region's {@link EventLog} when there is one (local pushes and deletes append
   * events); shared with {@link ReplicationFunctions}, whose listener invalidates its tag cache.
   */
  @Bean
  ManifestEndpoints manifestEndpoints(MeridianProperties properties, RegionStorage storage,
      ObjectProvider<EventLog> eventLog, ObjectProvider<ReplicaSet> replicas) {
    // With peers, a manifest PUT whose blobs were uploaded to another region fetches them from
    // there (write-anywhere, issue 3 item 8) instead of failing with MANIFEST_BLOB_UNKNOWN.
    ReplicaSet peers = replicas.getIfAvailable();
    BlobSource blobSource = peers == null ? BlobSource.NONE
        : PeerBlobFetcher.of(peers, properties.seed(), Clock.systemUTC());
    return new ManifestEndpoints(properties.registrySettings(), storage.objects(),
        storage.index(), Clock.systemUTC(), eventLog.getIfAvailable(), blobSource);
  }

  @Bean
  HttpHandler registryHttpApi(MeridianProperties properties, RegionStorage storage,
      ManifestEndpoints manifestEndpoints, ObjectProvider<ReplicaSet> replicas,
      ObjectProvider<WebhookRoutes> webhooks, ObjectProvider<BuildRoutes> builds,
      ObjectProvider<RegistryAuth> auth, ObjectProvider<Lifecycle> lifecycle) {
    RegistrySettings settings = properties.registrySettings();
    ReplicaSet peers = replicas.getIfAvailable();
    AdminRoutes admin = peers == null ? null
        : new AdminApi(peers, settings.regionSeed(), settings.regionEndpoints(), Clock.systemUTC(),
            webhooks.getIfAvailable(), builds.getIfAvailable());
    Lifecycle regionLifecycle = lifecycle.getIfAvailable(); // retention, locks, soft delete
    if (regionLifecycle != null) {
      admin = regionLifecycle.routes().before(admin);
    }
    return RegistryAssembly.httpApi(settings, storage.objects(), storage.index(),
        storage.uploads(), Clock.systemUTC(), manifestEndpoints, admin, auth.getIfAvailable());
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
