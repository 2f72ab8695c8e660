package dev.meridian.core.replication;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageKeys;
import dev.meridian.core.storage.TagRecord;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code replicate} function's core, one instance per region (docs/architecture.md, replication
 * protocol). For each ObjectCreated notification of this region's bucket:
 *
 * <ul>
 *   <li>a change (manifest, tag record, manifest tombstone) whose origin is this region is
 *       <b>fanned out</b>: copied to every peer, dependencies first ({@link DependencyCopier});
 *   <li>a change from another region is <b>applied</b> to this region's index ({@link
 *       ChangeApplier}) and <b>acked</b> to its origin; it is never fanned out again, so copies
 *       cannot loop;
 *   <li>an ack completes the change at its origin ({@link AckLedger});
 *   <li>blobs (copied as dependencies), uploads, failure markers and unknown keys are ignored.
 * </ul>
 *
 * Notifications are at-least-once and unordered; the handler reads the object's current state
 * and every step is idempotent, so duplicates and any order end in the same state. A failure
 * escapes (after the other peers were served) so the platform retries the notification.
 */
public final class Replicator {
  private static final System.Logger LOG = System.getLogger(Replicator.class.getName());

  private final ReplicaSet replicas;
  private final Region self;
  private final DependencyCopier copier = new DependencyCopier();
  private final ChangeApplier applier;
  private final AckLedger acks;

  public Replicator(ReplicaSet replicas, Seed selfSeed, ReplicationListener listener,
      Clock clock) {
    this.replicas = replicas;
    this.self = replicas.region(selfSeed);
    this.applier = new ChangeApplier(self, listener, clock);
    this.acks = new AckLedger(replicas, clock);
  }

  public void handle(ObjectCreated notification) {
    if (!notification.bucket().equals(self.objects().bucket())) {
      throw new IllegalArgumentException("notification for bucket " + notification.bucket()
          + " sent to the replicator of " + self.objects().bucket());
    }
    ObjectKind kind = StorageKeys.parse(notification.key());
    if (kind instanceof ObjectKind.Change change) {
      // A tag record is read whole here, once: its fan-out (pending mark, manifest lookup) and
      // its apply need its body, and a HEAD first plus a read in each of them were four more S3
      // calls per pushed tag (ReplicationCallCountTest).
      Optional<ObjectInfo> info;
      TagRecord tagRecord = null;
      if (change instanceof ObjectKind.TagRecordKey) {
        Optional<ChangeObjects.TagObject> tag = ChangeObjects.tag(self.objects(), change.key());
        info = tag.map(ChangeObjects.TagObject::info);
        tagRecord = tag.map(ChangeObjects.TagObject::record).orElse(null);
      } else {
        info = self.objects().head(change.key());
      }
      if (info.isEmpty()) {
        LOG.log(Level.WARNING, "{0}: notified object is gone: {1}", self.name(), change.key());
        return;
      }
      Seed origin = change.originSeed(info.get());
      if (self.seed().equals(origin)) {
        fanOut(change, tagRecord);
      } else {
        arrive(change, info.get(), origin, tagRecord);
      }
    } else if (kind instanceof ObjectKind.Ack ack) {
      acks.completeIfAllAcked(self, ack.changeKey());
    }
  }

  /**
   * Copies an own change to every peer; a failing peer does not hold up the others. {@code
   * tagRecord}: the change's body when it is a tag record already read, else null (read here).
   */
  void fanOut(ObjectKind.Change change, TagRecord tagRecord) {
    StorageException failed = null;
    for (Region peer : replicas.peersOf(self.seed())) {
      try {
        if (sendTo(peer, change, tagRecord) == DependencyCopier.Result.HELD_AS_PEER_CHANGE) {
          // The peer holds the same manifest as its own change: it is indexed there.
          acks.ack(self, change.key(), peer.seed());
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "{0}: fan-out of {1} to {2} failed: {3}", self.name(),
            change.key(), peer.name(), e.toString());
        acks.failed(self, change.key(), peer.seed(), e);
        failed = failed == null ? new StorageException("fan-out failed: " + change.key(), e)
            : failed;
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Copies an own change to {@code peer}, dependencies first; a tag record is first announced to
   * the peer's index as pending ({@link PendingMarks}), since its dependencies may take a while.
   */
  DependencyCopier.Result sendTo(Region peer, ObjectKind.Change change) {
    return sendTo(peer, change, null);
  }

  private DependencyCopier.Result sendTo(Region peer, ObjectKind.Change change,
      TagRecord tagRecord) {
    if (change instanceof ObjectKind.TagRecordKey tag) {
      if (tagRecord == null) {
        tagRecord = ChangeObjects.tagRecord(self.objects(), tag.key()).orElse(null);
      }
      if (tagRecord != null) {
        PendingMarks.announce(self, peer, tag, tagRecord);
      }
    }
    return copier.copy(self.objects(), peer.objects(), change, tagRecord);
  }

  /**
   * Applies a change held in this bucket to this index, then acks it to its origin unless that is
   * this region (reconcile re-applies own changes too) or unknown.
   */
  void arrive(ObjectKind.Change change, ObjectInfo info, Seed origin) {
    arrive(change, info, origin, null);
  }

  private void arrive(ObjectKind.Change change, ObjectInfo info, Seed origin,
      TagRecord tagRecord) {
    ChangeApplier.Outcome outcome = applier.apply(change, info, origin, tagRecord);
    LOG.log(Level.DEBUG, "{0}: {1} {2}", self.name(), outcome, change.key());
    if (origin == null || origin.equals(self.seed())) {
      return; // nothing to ack (see ObjectKind.Change#originSeed)
    }
    Optional<Region> originRegion = replicas.find(origin);
    if (originRegion.isPresent()) {
      acks.ack(originRegion.get(), change.key(), self.seed());
    } else {
      LOG.log(Level.WARNING, "{0}: {1} comes from unknown region {2}; not acked", self.name(),
          change.key(), origin);
    }
  }

  Region self() {
    return self;
  }

  AckLedger acks() {
    return acks;
  }

  DependencyCopier copier() {
    return copier;
  }
}
