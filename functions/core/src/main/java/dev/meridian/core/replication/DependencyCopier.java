package dev.meridian.core.replication;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies one change from a source bucket to a target bucket in dependency order
 * (docs/architecture.md, replication protocol step 2): a manifest's blobs (config and layers), then
 * an index's child manifests (recursively, each with its blobs), then the manifest; a tag record's
 * or a manifest put record's manifest (recursively) before the record; a tombstone needs nothing. A
 * missing dependency is copied, never skipped; a dependency the source lacks fails the copy (the
 * platform retries, reconcile repairs).
 *
 * <p>Every copy is server-side ({@link ObjectStore#copyFrom}). Presence at the target:
 *
 * <ul>
 *   <li>a blob or a dependency manifest already there is success (content-addressed);
 *   <li>the change itself is copied again even when present — same bytes, same metadata — so a
 *       retried fan-out re-triggers the peer's apply and ack that a lost notification skipped;
 *   <li>except a manifest present there with another origin: the peer accepted the same bytes
 *       itself (a concurrent push of one digest), indexes and fans it out as its own change, and
 *       overwriting would rewrite that change's origin. The caller treats it as acked.
 * </ul>
 */
final class DependencyCopier {

  /** What happened to the change object itself. */
  enum Result {
    COPIED,
    HELD_AS_PEER_CHANGE
  }

  /**
   * A manifest and the tag record pointing at it are fanned out at the same moment by two
   * workers; without this, both headed and copied the manifest's blobs (bench/notes.md). Keyed by
   * target bucket and manifest; a worker holds one key at a time.
   */
  private final KeyedLocks manifestLocks = new KeyedLocks();

  Result copy(ObjectStore source, ObjectStore target, ObjectKind.Change change) {
    return copy(source, target, change, null);
  }

  /** As above; {@code tagRecord} is the change's body when it is a tag record already read. */
  Result copy(ObjectStore source, ObjectStore target, ObjectKind.Change change,
      TagRecord tagRecord) {
    return change.accept(new ObjectKind.Change.Cases<>() {
      @Override
      public Result manifest(ObjectKind.Manifest m) {
        return copyManifest(source, target, m);
      }

      @Override
      public Result tagRecord(ObjectKind.TagRecordKey t) {
        TagRecord record = tagRecord != null ? tagRecord
            : ChangeObjects.tagRecord(source, t.key()).orElseThrow(() -> missing(source, t.key()));
        if (!record.isDeleted()) {
          ensureManifestAlone(source, target, t.repository(), record.digest());
        }
        return copyChange(source, target, t);
      }

      @Override
      public Result manifestPut(ObjectKind.ManifestPut p) {
        ensureManifestAlone(source, target, p.repository(), p.digest());
        return copyChange(source, target, p);
      }

      @Override
      public Result manifestTombstone(ObjectKind.ManifestTombstone t) {
        return copyChange(source, target, t); // needs nothing
      }
    });
  }

  private Result copyManifest(ObjectStore source, ObjectStore target, ObjectKind.Manifest m) {
    return manifestLocks.with(target.bucket() + "/" + m.key(), () -> {
      Optional<ObjectInfo> held = target.head(m.key());
      if (held.isPresent() && !sameOrigin(source, m.key(), held.get())) {
        return Result.HELD_AS_PEER_CHANGE;
      }
      if (held.isEmpty()) {
        // Present, it was copied after its dependencies (by its tag record's fan-out, or an
        // earlier delivery of this event): looking at each of them again is not needed.
        copyManifestDependencies(source, target, m.repository(), m.digest());
      }
      return copyChange(source, target, m);
    });
  }

  private static Result copyChange(ObjectStore source, ObjectStore target,
      ObjectKind.Change change) {
    target.copyFrom(source, change.key());
    return Result.COPIED;
  }

  private void ensureManifestAlone(ObjectStore source, ObjectStore target,
      RepositoryName repository, Digest digest) {
    String manifest = StorageLayout.manifest(repository, digest);
    manifestLocks.with(target.bucket() + "/" + manifest, () -> {
      ensureManifest(source, target, repository, digest);
      return null;
    });
  }

  /** Copies a manifest the target lacks, dependencies first; one already there is left alone. */
  private void ensureManifest(ObjectStore source, ObjectStore target, RepositoryName repository,
      Digest digest) {
    String key = StorageLayout.manifest(repository, digest);
    if (target.head(key).isPresent()) {
      return;
    }
    copyManifestDependencies(source, target, repository, digest);
    target.copyFrom(source, key);
  }

  private void copyManifestDependencies(ObjectStore source, ObjectStore target,
      RepositoryName repository, Digest digest) {
    String key = StorageLayout.manifest(repository, digest);
    ChangeObjects.ManifestObject manifest = ChangeObjects.manifest(source, key)
        .orElseThrow(() -> missing(source, key));
    for (Digest blob : manifest.parsed().requiredBlobs()) {
      String blobKey = StorageLayout.blob(blob);
      if (target.head(blobKey).isEmpty()) {
        target.copyFrom(source, blobKey);
      }
    }
    for (Digest child : manifest.parsed().manifests()) {
      ensureManifest(source, target, repository, child);
    }
  }

  private static boolean sameOrigin(ObjectStore source, String key, ObjectInfo held) {
    String mine = source.head(key).map(i -> i.metadata().get(StorageLayout.ORIGIN_METADATA))
        .orElse(null);
    return Objects.equals(mine, held.metadata().get(StorageLayout.ORIGIN_METADATA));
  }

  private static StorageException missing(ObjectStore source, String key) {
    return new StorageException("dependency missing at source " + source.bucket() + ": " + key);
  }
}
