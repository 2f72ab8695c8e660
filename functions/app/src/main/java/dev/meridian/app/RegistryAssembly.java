package dev.meridian.app;

import dev.meridian.core.api.Readiness;
import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.blob.BlobEndpoints;
import dev.meridian.core.events.EventLog;
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
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Composes one region's registry HTTP API from its ports, with {@code /readyz} ({@link
 * Readiness}) in front. Every runtime calls this: {@code RegistryAssembly.region(settings,
 * objects, index, uploads, clock)}, then what the region has ({@link Builder#manifests}, {@link
 * Builder#routes} per capability, {@link Builder#auth}, …), then {@link Builder#httpApi}. A
 * capability the region lacks is simply not added.
 */
public final class RegistryAssembly {
  private RegistryAssembly() {}

  public static Builder region(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      UploadSessionStore uploads, Clock clock) {
    return new Builder(settings, objects, index, uploads, clock);
  }

  /** What one region serves; each setter is optional. */
  public static final class Builder {
    private final RegistrySettings settings;
    private final ObjectStore objects;
    private final MetadataIndex index;
    private final UploadSessionStore uploads;
    private final Clock clock;
    private final List<Route> routes = new ArrayList<>();
    private ManifestEndpoints manifests;
    private RegistryAuth auth;
    private ReplicaReads replicas = ReplicaReads.NONE;
    private QuotaGate quotas = QuotaGate.NONE;

    private Builder(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
        UploadSessionStore uploads, Clock clock) {
      this.settings = settings;
      this.objects = objects;
      this.index = index;
      this.uploads = uploads;
      this.clock = clock;
    }

    /**
     * Manifest endpoints built with the region's {@link EventLog} (so local pushes and deletes
     * are recorded) and a {@code PeerBlobFetcher} (write-anywhere manifest PUTs); the runtime
     * keeps them to hand their hooks to replication. Without: endpoints over the ports alone.
     */
    public Builder manifests(ManifestEndpoints manifests) {
      this.manifests = manifests;
      return this;
    }

    /** A capability's routes under {@code /meridian/v1/} (docs/architecture.md, "Routes"). */
    public Builder routes(AdminRoutes capability) {
      routes.addAll(capability.routes());
      return this;
    }

    /** Access control in front of every route, and the token and account routes. */
    public Builder auth(RegistryAuth auth) {
      this.auth = auth;
      return this;
    }

    /**
     * Blobs another region's repository links but this one's does not yet are read through from
     * there when the repository's {@code onMiss} is {@code fetch} ({@code replicas}: the same
     * {@code ReplicaReads} the manifest endpoints were built with; issue 24).
     */
    public Builder replicaReads(ReplicaReads replicas) {
      this.replicas = replicas;
      return this;
    }

    /** Storage quotas checked on uploads and mounts (docs/lifecycle.md). */
    public Builder quotas(QuotaGate quotas) {
      this.quotas = quotas;
      return this;
    }

    public HttpHandler httpApi() {
      return new Readiness(registryApi(), objects, index);
    }

    /** The API without {@code /readyz} in front (tests that read its route table). */
    public RegistryHttpApi registryApi() {
      BlobRoutes blobs = new BlobEndpoints(settings, objects, index, uploads, clock, quotas);
      if (replicas != ReplicaReads.NONE) {
        blobs = new ReadThroughBlobs(blobs, replicas, settings);
      }
      ManifestRoutes manifestRoutes = manifests != null ? manifests
          : new ManifestEndpoints(settings, objects, index, clock);
      return auth == null ? new RegistryHttpApi(blobs, manifestRoutes, routes)
          : new RegistryHttpApi(blobs, manifestRoutes, routes, auth);
    }
  }
}
