package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;

/**
 * What a bucket key holds, read back from the key alone by {@link StorageKeys#parse}. Replication
 * dispatches on it: blobs travel only as dependencies of manifests, manifests, tag records,
 * manifest put records and tombstones are changes, acks complete changes, uploads never leave their region.
 */
public sealed interface ObjectKind {

  /** The key this kind was parsed from. */
  String key();

  /** Whether objects of this kind are copied to peers (DESIGN.md: immutable objects replicate). */
  default boolean replicates() {
    return this instanceof Blob || this instanceof Change;
  }

  /** A change: accepted in one region (its origin), fanned out, applied and acked by peers. */
  sealed interface Change extends ObjectKind {
    RepositoryName repository();
  }

  record Blob(String key, Digest digest) implements ObjectKind {}

  /** A change to a manifest's membership in a repository: its object, a put record, a tombstone. */
  sealed interface ManifestChange extends Change {
    Digest digest();
  }

  record Manifest(String key, RepositoryName repository, Digest digest)
      implements ManifestChange {}

  /** A change whose key carries its version (and so its origin, the version's seed). */
  sealed interface Versioned extends Change {
    Version version();
  }

  record TagRecordKey(String key, RepositoryName repository, String tag, Version version)
      implements Versioned {}

  /** The manifest left the repository at {@code version}. */
  record ManifestTombstone(String key, RepositoryName repository, Digest digest, Version version)
      implements Versioned, ManifestChange {}

  /**
   * The manifest was pushed to the repository at {@code version}: with the tombstones, decides
   * whether the manifest is in the repository ({@link ManifestState}).
   */
  record ManifestPut(String key, RepositoryName repository, Digest digest, Version version)
      implements Versioned, ManifestChange {}

  /** An ack, in the origin's bucket, of the change stored at {@code changeKey} by {@code peerSeed}. */
  record Ack(String key, String changeKey, String peerSeed) implements ObjectKind {}

  /** A fan-out failure marker, in the origin's bucket. */
  record Failure(String key, String changeKey, String peerSeed) implements ObjectKind {}

  record Upload(String key) implements ObjectKind {}

  /** Anything else (never written by Meridian): ignored. */
  record Unknown(String key) implements ObjectKind {}
}
