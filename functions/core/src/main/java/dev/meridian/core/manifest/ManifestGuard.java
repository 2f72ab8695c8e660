package dev.meridian.core.manifest;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.TagRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the manifest endpoints ask before a change or a read, and what replication asks before
 * applying a tag record from a peer: the locks and immutable-tag rules of
 * {@code dev.meridian.core.lifecycle.locks} (docs/retention-and-locks.md). A refusal is a thrown
 * {@code RegistryException} naming the lock. {@link #NONE} admits everything.
 */
public interface ManifestGuard {

  /** Before pointing {@code tag} (null: a push by digest) at {@code digest}; {@code held}: its record now. */
  void checkPush(RepositoryName repository, String tag, Digest digest, Optional<TagRecord> held);

  /** Before tombstoning {@code tag} (which points at {@code digest}, or null if unknown). */
  void checkTagDelete(RepositoryName repository, String tag, Digest digest);

  /** Before deleting manifest {@code digest}, which the live tags {@code pointing} point at. */
  void checkManifestDelete(RepositoryName repository, Digest digest, List<TagRecord> pointing);

  /** Before serving a manifest resolved from {@code tag} (null: by digest) to {@code digest}. */
  void checkRead(RepositoryName repository, String tag, Digest digest);

  /** Before listing the repository's tags. */
  void checkList(RepositoryName repository);

  /**
   * A tag record arrived from a peer: what this region's index should hold for the tag. {@code
   * admit} false keeps the record out of the index; {@code repin} non-empty asks for a new record
   * with that state (a digest, or empty-digest for a tombstone) written here at a fresh version,
   * because the index holds a record the tag's lock or immutability refuses and the state every
   * region must converge on cannot win by version alone.
   */
  Arbitration arbitrate(RepositoryName repository, TagRecord incoming,
      Supplier<Optional<TagRecord>> held);

  /** See {@link #arbitrate}; {@code repin} null when none is needed, its digest null for a tombstone. */
  record Arbitration(boolean admit, TagRecord repin) {
    public static final Arbitration ADMIT = new Arbitration(true, null);
  }

  ManifestGuard NONE = new ManifestGuard() {
    @Override
    public void checkPush(RepositoryName r, String t, Digest d, Optional<TagRecord> h) {}

    @Override
    public void checkTagDelete(RepositoryName r, String t, Digest d) {}

    @Override
    public void checkManifestDelete(RepositoryName r, Digest d, List<TagRecord> p) {}

    @Override
    public void checkRead(RepositoryName r, String t, Digest d) {}

    @Override
    public void checkList(RepositoryName r) {}

    @Override
    public Arbitration arbitrate(RepositoryName r, TagRecord i, Supplier<Optional<TagRecord>> h) {
      return Arbitration.ADMIT;
    }
  };
}
