package dev.meridian.core.fakes;

import dev.meridian.core.api.Readiness;
import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.blob.BlobEndpoints;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.lifecycle.quota.QuotaGate;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.manifest.ReadThroughBlobs;
import dev.meridian.core.manifest.ReplicaReads;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.BlobRoutes;
import dev.meridian.core.route.ManifestRoutes;
import dev.meridian.core.route.Route;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One region's registry API in core's tests: the OCI router over the blob and manifest endpoints,
 * with in-memory upload sessions and the capabilities a test adds. The runtimes' composition root
 * is app's {@code RegistryAssembly}, which core cannot see (nothing in core composes the
 * registry: ArchitectureTest); this is the few lines of it core's in-memory tests need, with no
 * quotas (their own tests wire {@code QuotaGate}).
 */
public final class TestRegionApi {
  private final RegistrySettings settings;
  private final ObjectStore objects;
  private final MetadataIndex index;
  private final Clock clock;
  private final List<Route> routes = new ArrayList<>();
  private ManifestRoutes manifests;
  private ReplicaReads reads = ReplicaReads.NONE;
  private RegistryAuth auth;

  private TestRegionApi(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      Clock clock) {
    this.settings = settings;
    this.objects = objects;
    this.index = index;
    this.clock = clock;
  }

  public static TestRegionApi region(RegistrySettings settings, ObjectStore objects,
      MetadataIndex index, Clock clock) {
    return new TestRegionApi(settings, objects, index, clock);
  }

  /** Without: manifest endpoints over the ports alone (no event log, no peers). */
  public TestRegionApi manifests(ManifestRoutes endpoints) {
    manifests = endpoints;
    return this;
  }

  public TestRegionApi routes(AdminRoutes capability) {
    routes.addAll(capability.routes());
    return this;
  }

  public TestRegionApi auth(RegistryAuth gate) {
    auth = gate;
    return this;
  }

  /** Blobs read through from peers, as the manifest endpoints given were built with. */
  public TestRegionApi replicaReads(ReplicaReads peers) {
    reads = peers;
    return this;
  }

  /** With {@code /readyz} in front, as every runtime serves it. */
  public HttpHandler httpApi() {
    return new Readiness(registryApi(), objects, index);
  }

  public RegistryHttpApi registryApi() {
    BlobRoutes blobs = new BlobEndpoints(settings, objects, index,
        new InMemoryUploadSessionStore(clock), clock, QuotaGate.NONE);
    BlobRoutes served = reads == ReplicaReads.NONE ? blobs
        : new ReadThroughBlobs(blobs, reads, settings);
    ManifestRoutes manifestRoutes = manifests == null
        ? new ManifestEndpoints(settings, objects, index, clock) : manifests;
    return auth == null ? new RegistryHttpApi(served, manifestRoutes, routes)
        : new RegistryHttpApi(served, manifestRoutes, routes, auth);
  }
}
