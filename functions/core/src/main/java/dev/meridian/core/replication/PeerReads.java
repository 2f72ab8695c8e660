package dev.meridian.core.replication;

import dev.meridian.core.manifest.OnMiss;
import dev.meridian.core.manifest.ReplicaMiss;
import dev.meridian.core.manifest.ReplicaReads;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Reference;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers {@link ReplicaReads} from the replica set: on a miss, the peers' indexes are
 * asked — all at once, within {@link PeerQueries#DEADLINE} — whether they hold the reference, so a
 * region finds out about content whose notification it never got; the answer is cached briefly
 * ({@link MissCache}). A found copy also says how this region stands: {@code failed} when the
 * origin's last copy here failed (its {@code _failures/} marker), {@code delayed} when it was
 * written more than {@link #DELAYED_AFTER} ago, else {@code replicating}. For {@code failed} and
 * {@code delayed}, and for every read-through, this region starts copying the change itself
 * ({@link PullThroughRepair}).
 */
public final class PeerReads implements ReplicaReads {
  private static final System.Logger LOG = System.getLogger(PeerReads.class.getName());
  /** Replication normally lands in well under a second; five seconds without it is a delay. */
  static final Duration DELAYED_AFTER = Duration.ofSeconds(5);
  private static final int RETRY_SOON = 1;
  private static final int RETRY_AFTER_FAILURE = 5;

  private final ReplicaSet replicas;
  private final Region self;
  private final Clock clock;
  private final Duration presignValidity;
  private final PullSettings settings;
  private final MissCache cache = new MissCache();
  private final PeerQueries queries;
  private final AckLedger acks;
  private final PullThroughRepair repair;

  /**
   * @param replicator this region's replicator, asked for lazily (it is built with a listener of
   *     the manifest endpoints that use this); null from the supplier: pull-through copies are
   *     only copied here, and applied by the copy's notification
   */
  public PeerReads(ReplicaSet replicas, Seed selfSeed, Clock clock, Duration presignValidity,
      PullSettings settings, Supplier<Replicator> replicator) {
    this.replicas = replicas;
    this.self = replicas.region(selfSeed);
    this.clock = clock;
    this.presignValidity = presignValidity;
    this.settings = settings;
    this.queries = new PeerQueries(replicas.peersOf(selfSeed));
    this.acks = new AckLedger(replicas, clock);
    this.repair = new PullThroughRepair(replicas, self, replicator);
  }

  /** {@link ReplicaReads#NONE} for a region without peers, else the replica set's answers. */
  public static ReplicaReads of(ReplicaSet replicas, Seed selfSeed, Clock clock,
      Duration presignValidity, PullSettings settings, Supplier<Replicator> replicator) {
    return replicas.peersOf(selfSeed).isEmpty() ? ReplicaReads.NONE
        : new PeerReads(replicas, selfSeed, clock, presignValidity, settings, replicator);
  }

  @Override
  public Optional<ReplicaMiss> explain(RepositoryName repository, Reference reference) {
    String key = repository.value() + (reference.isDigest() ? "@" : ":") + reference;
    long now = clock.millis();
    Optional<ReplicaMiss> cached = cache.get(key, now);
    if (cached != null) {
      return cached;
    }
    Optional<PeerQueries.Found> found = reference.isDigest()
        ? queries.digest(repository, reference.digest())
        : queries.tag(repository, reference.tag().value())
            .filter(f -> newerThanHere(repository, reference.tag().value(), f));
    Optional<ReplicaMiss> miss = found.map(f -> describe(f, now));
    cache.put(key, miss, now);
    return miss;
  }

  /**
   * A peer's live tag counts only if it is newer than what this region holds: a tag deleted here
   * after that version (the delete not yet replicated there) is gone, not on its way.
   */
  private boolean newerThanHere(RepositoryName repository, String tag, PeerQueries.Found found) {
    return self.index().getTag(repository, tag)
        .map(held -> found.tagVersion().isNewerThan(held.version())).orElse(true);
  }

  private ReplicaMiss describe(PeerQueries.Found found, long now) {
    ReplicaMiss.State state = ReplicaMiss.State.REPLICATING;
    Optional<Region> origin = found.originSeed() == null ? Optional.empty()
        : replicas.find(found.originSeed());
    if (origin.isPresent() && !origin.get().seed().equals(self.seed())
        && safely(() -> acks.failure(origin.get(), found.changeKey(), self.seed()).isPresent())) {
      state = ReplicaMiss.State.FAILED;
    } else if (found.pushedAt() != null
        && found.pushedAt().plus(DELAYED_AFTER).toEpochMilli() <= now) {
      state = ReplicaMiss.State.DELAYED;
    }
    if (state != ReplicaMiss.State.REPLICATING) {
      repair.prioritise(found.source().seed(), found.changeKey());
    }
    return new ReplicaMiss(found.digest(), found.mediaType(),
        found.holders().stream().map(Region::name).toList(), found.source().seed(),
        found.pushedAt(), state,
        state == ReplicaMiss.State.FAILED ? RETRY_AFTER_FAILURE : RETRY_SOON, found.changeKey());
  }

  @Override
  public Optional<byte[]> fetchManifest(RepositoryName repository, ReplicaMiss miss) {
    Optional<Region> source = replicas.find(miss.source());
    if (source.isEmpty()) {
      return Optional.empty();
    }
    String key = StorageLayout.manifest(repository, miss.digest());
    Optional<ObjectContent> content = source.get().objects().get(key);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try (ObjectContent c = content.get(); InputStream in = c.stream()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new StorageException("cannot read " + key + " from " + source.get().name(), e);
    }
    // A read-through asks for this image here now: its replication goes first.
    repair.prioritise(miss.source(), miss.changeKey());
    return Optional.of(bytes);
  }

  @Override
  public Optional<PeerBlob> blob(RepositoryName repository, Digest digest) {
    if (settings.onMiss(repository) != OnMiss.FETCH) {
      return Optional.empty();
    }
    for (Region peer : replicas.peersOf(self.seed())) {
      Optional<Long> size = peer.index().linkedBlobSize(repository, digest);
      if (size.isPresent()) {
        String key = StorageLayout.blob(digest);
        URI url = peer.objects().presignGet(key, presignValidity).orElse(null);
        return Optional.of(new PeerBlob(peer.name(), size.get(), url,
            () -> peer.objects().get(key)
                .orElseThrow(() -> new StorageException(peer.name() + " lacks " + key))));
      }
    }
    return Optional.empty();
  }

  @Override
  public OnMiss onMiss(RepositoryName repository) {
    return settings.onMiss(repository);
  }

  @Override
  public String regionName(Seed seed) {
    return replicas.find(seed).map(Region::name).orElse(seed.value());
  }

  private boolean safely(Supplier<Boolean> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "{0}: cannot read a failure marker: {1}", self.name(), e.toString());
      return false;
    }
  }
}
