package dev.meridian.core.replication;

import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.PendingTag;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.TagRecord;
import java.lang.System.Logger.Level;

/**
 * Tells a peer that a newer version of a tag is on its way to it, before the fan-out copies the
 * version's manifest and blobs there ("no silent stale tag"). The peer's pulls of the
 * tag then carry {@code Meridian-Replication: pending; newer=…; from=…} until the version is
 * applied there. What "known" means is exactly this mark: the origin began sending the version to
 * the peer (fan-out or reconcile) and the peer's index holds the tag at an older version. A tag
 * the peer does not hold is not marked — a pull of it misses, and the miss explains itself
 * ({@code ReplicaLookup}).
 *
 * <p>The mark is advice: one conditional write on the peer's tag item; a failure is logged and
 * does not hold up the copy, which is what makes the new version pullable.
 */
final class PendingMarks {
  private static final System.Logger LOG = System.getLogger(PendingMarks.class.getName());

  private PendingMarks() {}

  static void announce(Region self, Region peer, ObjectKind.TagRecordKey change,
      TagRecord record) {
    try {
      peer.index().markTagPending(change.repository(), record.tag(), PendingTag.of(record));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "{0}: cannot mark {1} pending in {2}: {3}", self.name(),
          change.key(), peer.name(), e instanceof StorageException ? e.getMessage() : e.toString());
    }
  }
}
