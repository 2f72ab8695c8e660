package dev.meridian.core.replication;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.ManifestState;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageKeys;
import dev.meridian.core.storage.StorageLayout;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code reconcile} function's core for one region (docs/architecture.md, replication protocol
 * step 5): repairs what lost or failed notifications left behind, so regions converge even when
 * events are dropped. Run on a schedule in every region, and on demand. One pass:
 *
 * <ol>
 *   <li><b>push</b>: every change object in this bucket that a peer's bucket lacks is copied there
 *       in dependency order (from here, whatever its origin); its arrival there is applied by the
 *       peer's replicate, or by the peer's next reconcile;
 *   <li><b>re-apply</b>: every change object in this bucket is applied to this region's index
 *       (idempotent: only what is missing or newer changes anything) and, when it came from a
 *       peer, acked to its origin — this repairs dropped arrival notifications;
 *   <li><b>complete</b>: every change of this region whose acks are all in appends its {@code
 *       replicated} event (once) — this repairs dropped ack notifications.
 * </ol>
 *
 * Cost is a listing of every bucket's {@code repositories/} prefix and a read of each change
 * object here; a registry with many objects would keep a watermark (future work).
 *
 * <p>A <b>scheduled</b> pass ({@link #reconcileOlderThan}) leaves alone the changes younger than a
 * grace period: under sustained pushes their notifications are still queued, and a pass that
 * copied and re-applied them did each one's work a second time, competing with the deliveries it
 * duplicated (bench/notes.md "Replication under load"). A change's age is its version's HLC time,
 * in its key; a manifest object's is its newest put record's (listed in the same pass). An on-demand
 * pass ({@link #reconcile}) looks at everything.
 */
public final class Reconciler {
  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
  private static final int PAGE = 1000;
  /** Bound on the settled keys remembered (about 100 bytes each). */
  private static final int MAX_SETTLED = 1_000_000;

  private final ReplicaSet replicas;
  private final Replicator replicator;
  private final Set<String> settled = ConcurrentHashMap.newKeySet();
  private final Clock clock;

  public Reconciler(ReplicaSet replicas, Seed selfSeed, ReplicationListener listener,
      Clock clock) {
    this.clock = clock;
    this.replicas = replicas;
    this.replicator = new Replicator(replicas, selfSeed, listener, clock);
  }

  /** What one pass did. */
  public record Report(int copied, int applied, int completed, int failures) {}

  /**
   * A full pass: every change not yet settled, whatever its version's time (a peer's clock may be
   * ahead of this one, so "older than now" would not be everything).
   */
  public Report reconcile() {
    return pass(unsettled(changes(replicator.self().objects()), Set.of()));
  }

  /**
   * A pass over the changes not yet settled whose version is older than {@code grace}; younger ones
   * are left to their notifications and the next passes. Each change is looked at once it is older.
   */
  public Report reconcileOlderThan(Duration grace) {
    List<ObjectKind.Change> all = changes(replicator.self().objects());
    return pass(unsettled(all, young(all, clock.millis() - grace.toMillis())));
  }

  private List<ObjectKind.Change> unsettled(List<ObjectKind.Change> all, Set<String> skipped) {
    return all.stream().filter(c -> !settled.contains(c.key()) && !skipped.contains(c.key()))
        .toList();
  }

  /**
   * The changes whose version is newer than {@code since} (epoch millis), and the manifest objects
   * that have such a put record: pushed in the grace period (a manifest object carries no version
   * in its key; each push of it writes a put record that does).
   */
  private static Set<String> young(List<ObjectKind.Change> changes, long since) {
    Set<String> young = new HashSet<>();
    Set<String> pushedRecently = new HashSet<>();
    for (ObjectKind.Change change : changes) {
      if (change.version() != null && change.version().millis() > since) {
        young.add(change.key());
        if (change instanceof ObjectKind.ManifestPut put) {
          pushedRecently.add(StorageLayout.manifest(put.repository(), put.digest()));
        }
      }
    }
    for (ObjectKind.Change change : changes) {
      if (change instanceof ObjectKind.Manifest m && pushedRecently.contains(m.key())) {
        young.add(m.key());
      }
    }
    return young;
  }

  private Report pass(List<ObjectKind.Change> mine) {
    Region self = replicator.self();
    Set<String> everywhere = new HashSet<>(mine.stream().map(ObjectKind.Change::key).toList());
    int copied = 0;
    int failures = 0;
    for (Region peer : replicas.peersOf(self.seed())) {
      Set<String> held;
      try {
        held = new HashSet<>(keys(peer.objects()));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "reconcile {0}: cannot list {1}: {2}", self.name(), peer.name(), e);
        failures++;
        everywhere.clear();
        continue;
      }
      everywhere.retainAll(held);
      for (ObjectKind.Change change : mine) {
        if (!held.contains(change.key()) && !collected(self, change)) {
          try {
            replicator.sendTo(peer, change);
            copied++;
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reconcile {0}: copy of {1} to {2} failed: {3}", self.name(),
                change.key(), peer.name(), e);
            failures++;
          }
        }
      }
    }
    int applied = 0;
    int completed = 0;
    for (ObjectKind.Change change : mine) {
      Optional<ObjectInfo> info;
      try {
        info = self.objects().head(change.key());
        if (info.isEmpty()) {
          continue;
        }
        replicator.arrive(change, info.get(), change.originSeed(info.get()));
        applied++;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "reconcile {0}: apply of {1} failed: {2}", self.name(),
            change.key(), e);
        failures++;
        continue;
      }
      boolean own = self.seed().equals(change.originSeed(info.get()));
      if (own && replicator.acks().completeIfAllAcked(self, change.key())) {
        completed++;
      }
      if (everywhere.contains(change.key())
          && (!own || replicator.acks().allAcked(self, change.key()))) {
        settle(change.key());
      }
    }
    return new Report(copied, applied, completed, failures);
  }

  /**
   * A deleted manifest's object is not pushed to a peer that lacks it: the peer needs only the
   * tombstone, and garbage collection removes such objects (docs/lifecycle.md), which would
   * otherwise come back from a region that has not collected yet.
   */
  private static boolean collected(Region self, ObjectKind.Change change) {
    return change instanceof ObjectKind.Manifest m
        && !ManifestState.read(self.objects(), m.repository(), m.digest()).live();
  }

  /**
   * Remembers a change that every region holds, that is applied here and, if it is this region's
   * own, acked by every peer (so its {@code replicated} event is recorded): nothing later can
   * undo that (changes are immutable objects; a delete is a new one), so later passes skip it.
   * Re-checking every change on every pass cost a few table and bucket calls each, a load that
   * grew with the registry (bench/notes.md). A new process (and each Lambda instance) starts
   * with a full pass.
   */
  private void settle(String changeKey) {
    if (settled.size() >= MAX_SETTLED) {
      settled.clear(); // the next pass re-checks everything once, as after a restart
    }
    settled.add(changeKey);
  }

  /**
   * This bucket's change objects: manifests first, then tombstones, then tag records, so that a
   * re-apply meets dependencies in order (each apply also ensures its own).
   */
  private static List<ObjectKind.Change> changes(ObjectStore objects) {
    List<ObjectKind.Change> manifests = new ArrayList<>();
    List<ObjectKind.Change> others = new ArrayList<>();
    for (String key : keys(objects)) {
      if (StorageKeys.parse(key) instanceof ObjectKind.Change c) {
        (c instanceof ObjectKind.Manifest ? manifests : others).add(c);
      }
    }
    manifests.addAll(others);
    return manifests;
  }

  private static List<String> keys(ObjectStore objects) {
    List<String> keys = new ArrayList<>();
    String after = null;
    while (true) {
      List<String> page = objects.list(StorageLayout.REPOSITORIES_PREFIX, after, PAGE);
      keys.addAll(page);
      if (page.size() < PAGE) {
        return keys;
      }
      after = page.get(page.size() - 1);
    }
  }
}
