package dev.meridian.core.api;

import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.blob.BlobEndpoints;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.lifecycle.quota.QuotaGate;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.manifest.ReadThroughBlobs;
import dev.meridian.core.manifest.ReplicaReads;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;

/**
 * Composes one region's registry HTTP API from its ports, with {@code /readyz} ({@link
 * Readiness}) in front. Every runtime calls this.
 */
public final class RegistryAssembly {
  private RegistryAssembly() {}

  public static HttpHandler httpApi(
      RegistrySettings settings,
      ObjectStore objects,
      MetadataIndex index,
      UploadSessionStore uploads,
      Clock clock) {
    return httpApi(settings, objects, index, uploads, clock,
        new ManifestEndpoints(settings, objects, index, clock));
  }

  /**
   * The API over already-built manifest endpoints (made with the region's {@link EventLog}, so
   * local pushes and deletes are recorded); the runtime keeps {@code manifests} to hand its
   * {@code tagChanged}/{@code manifestDeleted}/{@code versionObserved} hooks to replication.
   */
  public static HttpHandler httpApi(
      RegistrySettings settings,
      ObjectStore objects,
      MetadataIndex index,
      UploadSessionStore uploads,
      Clock clock,
      ManifestEndpoints manifests) {
    return httpApi(settings, objects, index, uploads, clock, manifests, null, null);
  }

  /**
   * One region of a replica set: as above, plus the {@code /meridian/v1/} admin API. Build
   * {@code manifests} with the region's event log and a {@code PeerBlobFetcher} (write-anywhere
   * manifest PUTs), {@code admin} with {@code new AdminApi(replicas, seed, endpoints, clock)}, and
   * give {@code settings} the regions' endpoints and signing key for region-sticky uploads.
   */
  public static HttpHandler httpApi(
      RegistrySettings settings,
      ObjectStore objects,
      MetadataIndex index,
      UploadSessionStore uploads,
      Clock clock,
      ManifestEndpoints manifests,
      AdminRoutes admin) {
    return httpApi(settings, objects, index, uploads, clock, manifests, admin, null);
  }

  /** As above, with access control in front of every route ({@code auth} null: open). */
  public static HttpHandler httpApi(
      RegistrySettings settings,
      ObjectStore objects,
      MetadataIndex index,
      UploadSessionStore uploads,
      Clock clock,
      ManifestEndpoints manifests,
      AdminRoutes admin,
      RegistryAuth auth) {
    return httpApi(settings, objects, index, uploads, clock, manifests, admin, auth,
        ReplicaReads.NONE, QuotaGate.NONE);
  }

  /**
   * As above, and blobs another region's repository links but this one's does not yet are read
   * through from there when the repository's {@code onMiss} is {@code fetch} ({@code replicas}:
   * the same {@code ReplicaReads} the manifest endpoints were built with; issue 24).
   */
  public static HttpHandler httpApi(
      RegistrySettings settings,
      ObjectStore objects,
      MetadataIndex index,
      UploadSessionStore uploads,
      Clock clock,
      ManifestEndpoints manifests,
      AdminRoutes admin,
      RegistryAuth auth,
      ReplicaReads replicas) {
    return httpApi(settings, objects, index, uploads, clock, manifests, admin, auth, replicas,
        QuotaGate.NONE);
  }

  /** As above, with storage quotas checked on uploads and mounts (docs/lifecycle.md). */
  public static HttpHandler httpApi(
      RegistrySettings settings,
      ObjectStore objects,
      MetadataIndex index,
      UploadSessionStore uploads,
      Clock clock,
      ManifestEndpoints manifests,
      AdminRoutes admin,
      RegistryAuth auth,
      QuotaGate quotas) {
    return httpApi(settings, objects, index, uploads, clock, manifests, admin, auth,
        ReplicaReads.NONE, quotas);
  }

  /** Everything above: read-through blobs ({@code replicas}) and quotas ({@code quotas}). */
  public static HttpHandler httpApi(
      RegistrySettings settings,
      ObjectStore objects,
      MetadataIndex index,
      UploadSessionStore uploads,
      Clock clock,
      ManifestEndpoints manifests,
      AdminRoutes admin,
      RegistryAuth auth,
      ReplicaReads replicas,
      QuotaGate quotas) {
    BlobRoutes blobs = new BlobEndpoints(settings, objects, index, uploads, clock, quotas);
    return new Readiness(new RegistryHttpApi(replicas == ReplicaReads.NONE ? blobs
        : new ReadThroughBlobs(blobs, replicas, settings), manifests, admin, auth), objects,
        index);
  }
}
