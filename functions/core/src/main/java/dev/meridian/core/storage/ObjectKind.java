package dev.meridian.core.storage;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;

/**
 * What a bucket key holds, read back from the key alone by {@link StorageKeys#parse}. Replication
 * dispatches on it: blobs travel only as dependencies of manifests, manifests, tag records,
 * manifest put records and tombstones are changes, acks complete changes, uploads never leave their region.
 */
public sealed interface ObjectKind
    permits ObjectKind.Change, ObjectKind.Blob, ObjectKind.Ack, ObjectKind.Failure,
    ObjectKind.Upload, ObjectKind.Unknown {

  /** The key this kind was parsed from. */
  String key();

  /** Whether objects of this kind are copied to peers (immutable objects replicate). */
  default boolean replicates() {
    return this instanceof Blob || this instanceof Change;
  }

  /**
   * A change: accepted in one region (its origin), fanned out, applied and acked by peers.
   *
   * <p>The four kinds are closed ({@code sealed}) and code that treats them differently does so
   * through {@link #accept(Cases)}, never an {@code instanceof} chain: {@link Cases} has one
   * abstract method per kind, so adding a kind here makes the compiler list every place that must
   * decide what the new kind means (what fan-out copies first, how a peer applies it,
   * what its {@code replicated} event names, how it counts in replication lag).
   * Java 17 has no exhaustive {@code switch} over patterns (a preview feature there); this visitor
   * gives the same guarantee. Type tests that only ask "is this key a change at all?" (or pick
   * one kind out of a listing) stay {@code instanceof}.
   */
  sealed interface Change extends ObjectKind
      permits ManifestChange, TagRecordKey {
    RepositoryName repository();

    /**
     * The version the key carries, which orders this change against others of the same tag or
     * manifest; null for a manifest object, whose key is its digest and carries none.
     */
    Version version();

    /**
     * The seed of the region where the change was accepted. A versioned change's key says it
     * (the version's seed) and {@code object} is not read; a manifest object carries it as user
     * metadata of {@code object}, the head of this change's object. Null when a manifest has
     * none (never written by this version of Meridian): such an object is applied but never
     * fanned out, so two regions can never bounce it back and forth.
     */
    default Seed originSeed(ObjectInfo object) {
      return version().originSeed();
    }

    <R> R accept(Cases<R> cases);

    /** One method per kind of change; see {@link Change} for why this is not a switch. */
    interface Cases<R> {
      R manifest(Manifest manifest);

      R tagRecord(TagRecordKey tagRecord);

      R manifestPut(ManifestPut put);

      R manifestTombstone(ManifestTombstone tombstone);
    }
  }

  record Blob(String key, Digest digest) implements ObjectKind {}

  /** A change to a manifest's membership in a repository: its object, a put record, a tombstone. */
  sealed interface ManifestChange extends Change
      permits Manifest, ManifestTombstone, ManifestPut {
    Digest digest();
  }

  /** A manifest object, stored byte-exact under its digest. */
  record Manifest(String key, RepositoryName repository, Digest digest)
      implements ManifestChange {
    /** Null: the key is the digest. */
    @Override
    public Version version() {
      return null;
    }

    @Override
    public Seed originSeed(ObjectInfo object) {
      return StorageLayout.origin(object.metadata());
    }

    @Override
    public <R> R accept(Cases<R> cases) {
      return cases.manifest(this);
    }
  }

  /** A tag pointed at a digest (or deleted, a tag tombstone) at {@code version}. */
  record TagRecordKey(String key, RepositoryName repository, String tag, Version version)
      implements Change {
    @Override
    public <R> R accept(Cases<R> cases) {
      return cases.tagRecord(this);
    }
  }

  /** The manifest left the repository at {@code version}. */
  record ManifestTombstone(String key, RepositoryName repository, Digest digest, Version version)
      implements ManifestChange {
    @Override
    public <R> R accept(Cases<R> cases) {
      return cases.manifestTombstone(this);
    }
  }

  /**
   * The manifest was pushed to the repository at {@code version}: with the tombstones, decides
   * whether the manifest is in the repository ({@link ManifestState}).
   */
  record ManifestPut(String key, RepositoryName repository, Digest digest, Version version)
      implements ManifestChange {
    @Override
    public <R> R accept(Cases<R> cases) {
      return cases.manifestPut(this);
    }
  }

  /** An ack, in the origin's bucket, of the change stored at {@code changeKey} by {@code peerSeed}. */
  record Ack(String key, String changeKey, Seed peerSeed) implements ObjectKind {}

  /** A fan-out failure marker, in the origin's bucket. */
  record Failure(String key, String changeKey, Seed peerSeed) implements ObjectKind {}

  record Upload(String key) implements ObjectKind {}

  /** Anything else (never written by Meridian): ignored. */
  record Unknown(String key) implements ObjectKind {}
}
