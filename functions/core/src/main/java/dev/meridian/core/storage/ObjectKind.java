package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;

/**
 * What a bucket key holds, read back from the key alone by {@link StorageKeys#parse}. Replication
 * dispatches on it: blobs travel only as dependencies of manifests, manifests, tag records and
 * tombstones are changes, acks complete changes, uploads never leave their region.
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

  record Manifest(String key, RepositoryName repository, Digest digest) implements Change {}

  record TagRecordKey(String key, RepositoryName repository, String tag, Version version)
      implements Change {}

  record ManifestTombstone(String key, RepositoryName repository, Digest digest, Version version)
      implements Change {}

  /** An ack, in the origin's bucket, of the change stored at {@code changeKey} by {@code peerSeed}. */
  record Ack(String key, String changeKey, String peerSeed) implements ObjectKind {}

  /** A fan-out failure marker, in the origin's bucket. */
  record Failure(String key, String changeKey, String peerSeed) implements ObjectKind {}

  record Upload(String key) implements ObjectKind {}

  /** Anything else (never written by Meridian): ignored. */
  record Unknown(String key) implements ObjectKind {}
}
