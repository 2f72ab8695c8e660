package dev.meridian.core.replication;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.StorageKeys;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Moves one change's replication to this region to the front: a pull that missed
 * content another region holds copies that change from there into this bucket, dependencies
 * first ({@link DependencyCopier}, as the origin's fan-out would), then applies and acks it here
 * at once ({@link Replicator#handle}) instead of waiting for the bucket's notification — which
 * may be the very thing that was lost. Every step is the idempotent one replication already
 * takes, so racing the origin's own fan-out changes nothing but who finishes first.
 *
 * <p>Without a replicator (the pull function on AWS, whose role writes no table) it only copies:
 * the copy's own notification has the region's {@code replicate} function apply and ack it.
 *
 * <p>Runs off the request thread, at most one repair per change at a time and two at once per
 * process. On Lambda the work continues only while the pull function's instance is thawed;
 * {@code reconcile} remains the backstop.
 */
final class PullThroughRepair {
  private static final System.Logger LOG = System.getLogger(PullThroughRepair.class.getName());

  private final ReplicaSet replicas;
  private final Region self;
  private final Supplier<Replicator> replicator; // null result: copy only (see below)
  private final DependencyCopier ownCopier = new DependencyCopier();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "meridian-pull-repair");
    t.setDaemon(true);
    return t;
  });

  PullThroughRepair(ReplicaSet replicas, Region self, Supplier<Replicator> replicator) {
    this.replicas = replicas;
    this.self = self;
    this.replicator = replicator;
  }

  /** Starts copying {@code changeKey} from region {@code sourceSeed} here, unless under way. */
  void prioritise(Seed sourceSeed, String changeKey) {
    if (!running.add(changeKey)) {
      return;
    }
    try {
      workers.execute(() -> {
        try {
          repair(sourceSeed, changeKey);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "{0}: pull-through copy of {1} failed: {2}", self.name(),
              changeKey, e.toString());
        } finally {
          running.remove(changeKey);
        }
      });
    } catch (RuntimeException e) {
      running.remove(changeKey);
      throw e;
    }
  }

  private void repair(Seed sourceSeed, String changeKey) {
    Replicator local = replicator.get();
    Optional<Region> source = replicas.find(sourceSeed);
    if (source.isEmpty()
        || !(StorageKeys.parse(changeKey) instanceof ObjectKind.Change change)) {
      return;
    }
    DependencyCopier copier = local == null ? ownCopier : local.copier();
    DependencyCopier.Result result = copier.copy(source.get().objects(), self.objects(), change);
    if (result == DependencyCopier.Result.HELD_AS_PEER_CHANGE) {
      return; // this region's own change: indexed here already
    }
    Optional<ObjectInfo> info = self.objects().head(changeKey);
    if (local == null) {
      // Copy only (the pull function on AWS, which writes no table): the copy's ObjectCreated
      // notification has this region's replicate function apply and ack it.
      LOG.log(Level.INFO, "{0}: copied {1} from {2} ahead of replication", self.name(),
          changeKey, source.get().name());
    } else if (info.isPresent()) {
      local.handle(new ObjectCreated(self.objects().bucket(), changeKey, info.get().size(),
          null, null));
      LOG.log(Level.INFO, "{0}: pulled {1} from {2} ahead of replication", self.name(), changeKey,
          source.get().name());
    }
  }
}
