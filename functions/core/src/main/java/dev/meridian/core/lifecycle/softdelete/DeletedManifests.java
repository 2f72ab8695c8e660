package dev.meridian.core.lifecycle.softdelete;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.lifecycle.rules.LifecycleConfig;
import dev.meridian.core.lifecycle.rules.SoftDeletePolicy;
import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.storage.BucketListing;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.ManifestState;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageKeys;
import dev.meridian.core.storage.StorageLayout;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Soft delete (ACR's {@code az acr manifest list-deleted} / {@code restore}), correct with
 * geo-replication: a delete is already a replicated tombstone and the manifest's bytes stay in
 * every bucket, so what is restorable is derived from replicated records alone — a manifest whose
 * newest record is a tombstone younger than the policy's window. Its time is the tombstone's
 * version (hybrid-logical-clock millis), the same number in every region, so every region lists
 * the same manifests and ends their window at the same instant. A restore is a push at a version
 * past the tombstone; it replicates and wins everywhere, as any push after a delete does.
 */
public final class DeletedManifests {
  private final LifecycleConfig config;
  private final ObjectStore objects;
  private final MetadataIndex index;
  private final ManifestService manifests;
  private final Clock clock;

  public DeletedManifests(LifecycleConfig config, ObjectStore objects, MetadataIndex index,
      ManifestService manifests, Clock clock) {
    this.config = config;
    this.objects = objects;
    this.index = index;
    this.manifests = manifests;
    this.clock = clock;
  }

  /** A restorable manifest. */
  public record Deleted(RepositoryName repository, Digest digest, Instant deletedAt,
      Instant restorableUntil, Seed deletedIn) {}

  /** The restorable manifests of {@code repository}, by digest; none while soft delete is off. */
  public List<Deleted> list(RepositoryName repository) {
    SoftDeletePolicy policy = config.softDelete();
    if (!policy.enabled()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Deleted> deleted = new ArrayList<>();
    for (ObjectKind.ManifestTombstone t : newestTombstones(repository).values()) {
      Instant at = Instant.ofEpochMilli(t.version().millis());
      if (!policy.restorable(at, now) || stillIn(repository, t)) {
        continue;
      }
      deleted.add(new Deleted(repository, t.digest(), at, policy.restorableUntil(at),
          t.version().originSeed()));
    }
    return deleted;
  }

  /** Whether {@code digest} is a restorable deleted manifest of {@code repository} now. */
  public boolean restorable(RepositoryName repository, Digest digest) {
    SoftDeletePolicy policy = config.softDelete();
    if (!policy.enabled()) {
      return false;
    }
    ManifestState state = ManifestState.read(objects, repository, digest);
    ObjectKind.ManifestTombstone t = state.newestDelete();
    return t != null && !state.live()
        && policy.restorable(Instant.ofEpochMilli(t.version().millis()), clock.instant());
  }

  /**
   * Restores a restorable manifest, pointing {@code tag} (null: none) at it. 404 {@code
   * MANIFEST_UNKNOWN} when it is not restorable (never deleted, restored already, window over,
   * soft delete off) or its bytes are gone.
   */
  public ManifestRecord restore(RepositoryName repository, Digest digest, Tag tag,
      EventRequest request) {
    if (!restorable(repository, digest)) {
      throw new RegistryException(ErrorKind.MANIFEST_UNKNOWN,
          "no restorable deleted manifest " + repository + "@" + digest);
    }
    return manifests.restore(repository, digest, tag, request.because("restore"))
        .orElseThrow(() -> new RegistryException(ErrorKind.MANIFEST_UNKNOWN,
            "the bytes of " + repository + "@" + digest + " are gone"));
  }

  private boolean stillIn(RepositoryName repository, ObjectKind.ManifestTombstone t) {
    if (index.getManifest(repository, t.digest()).isPresent()) {
      return true;
    }
    ObjectKind.ManifestPut put = ManifestState.newestPut(objects, repository, t.digest());
    return put != null && put.version().isNewerThan(t.version());
  }

  private Map<Digest, ObjectKind.ManifestTombstone> newestTombstones(RepositoryName repository) {
    String prefix = StorageLayout.REPOSITORIES_PREFIX + repository.value() + "/_deleted/";
    Map<Digest, ObjectKind.ManifestTombstone> newest = new LinkedHashMap<>();
    for (String key : BucketListing.keys(objects, prefix)) {
      if (StorageKeys.parse(key) instanceof ObjectKind.ManifestTombstone t
          && t.version().isNewerThan(
              newest.containsKey(t.digest()) ? newest.get(t.digest()).version() : null)) {
        newest.put(t.digest(), t);
      }
    }
    return newest;
  }
}
