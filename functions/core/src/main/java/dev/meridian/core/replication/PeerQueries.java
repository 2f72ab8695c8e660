package dev.meridian.core.replication;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.storage.TagState;
import dev.meridian.core.version.Version;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The peer check of a miss: every peer's index is asked at once, and a peer that has not answered
 * within {@link #DEADLINE} (or fails) counts as not holding it — a miss costs at most that long
 * and one or two index reads per peer, never a listing.
 */
final class PeerQueries {
  private static final System.Logger LOG = System.getLogger(PeerQueries.class.getName());
  static final Duration DEADLINE = Duration.ofMillis(1500);
  private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "meridian-peer-lookup");
    t.setDaemon(true);
    return t;
  });

  /**
   * Where a reference was found: the regions holding it (seed order), the one to read it from
   * (the origin when it holds it, else the first), and the change that brings it here.
   */
  record Found(Digest digest, String mediaType, List<Region> holders, Region source,
      Seed originSeed, Instant pushedAt, String changeKey, Version tagVersion) {}

  /** One peer's answer. */
  private record Hit(Region region, ManifestRecord manifest, TagRecord tag) {}

  private final List<Region> peers;

  PeerQueries(List<Region> peers) {
    this.peers = List.copyOf(peers);
  }

  /** The newest live version of {@code tag} any peer serves (its manifest indexed there). */
  Optional<Found> tag(RepositoryName repository, String tag) {
    List<Hit> hits = ask(peer -> peer.index().getTagState(repository, tag)
        .map(TagState::record).filter(t -> !t.isDeleted())
        .flatMap(t -> peer.index().getManifest(repository, t.digest())
            .map(m -> new Hit(peer, m, t))));
    Optional<TagRecord> newest = hits.stream().map(Hit::tag)
        .max(Comparator.comparing(TagRecord::version));
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    TagRecord record = newest.get();
    List<Hit> same = hits.stream().filter(h -> h.tag().equals(record)).toList();
    Seed origin = record.version().originSeed();
    return Optional.of(found(same, origin, Instant.ofEpochMilli(record.version().millis()),
        StorageLayout.tagRecord(repository, tag, record.version()), record.version()));
  }

  /** A manifest any peer's repository holds. */
  Optional<Found> digest(RepositoryName repository, Digest digest) {
    List<Hit> hits = ask(peer -> peer.index().getManifest(repository, digest)
        .map(m -> new Hit(peer, m, null)));
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    String key = StorageLayout.manifest(repository, digest);
    Seed origin = hits.get(0).region().objects().head(key).map(ObjectInfo::metadata)
        .map(StorageLayout::origin).orElse(null);
    Instant pushedAt = hits.stream().map(h -> h.manifest().createdAt())
        .min(Comparator.naturalOrder()).orElse(null);
    return Optional.of(found(hits, origin, pushedAt, key, null));
  }

  private static Found found(List<Hit> hits, Seed originSeed, Instant pushedAt,
      String changeKey, Version tagVersion) {
    List<Region> holders = hits.stream().map(Hit::region)
        .sorted(Comparator.comparing(Region::seed)).toList();
    Region source = holders.stream().filter(r -> r.seed().equals(originSeed)).findFirst()
        .orElse(holders.get(0));
    ManifestRecord m = hits.get(0).manifest();
    return new Found(m.digest(), m.mediaType(), holders, source, originSeed, pushedAt, changeKey,
        tagVersion);
  }

  /** Asks every peer at once; those that fail or miss the deadline are left out. */
  private List<Hit> ask(Function<Region, Optional<Hit>> question) {
    List<CompletableFuture<Optional<Hit>>> answers = new ArrayList<>();
    for (Region peer : peers) {
      answers.add(CompletableFuture.supplyAsync(() -> question.apply(peer), LOOKUPS));
    }
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      try {
        answers.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
            .ifPresent(hits::add);
      } catch (TimeoutException | ExecutionException e) {
        answers.get(i).cancel(true);
        LOG.log(Level.WARNING, "peer {0} did not answer a miss check: {1}", peers.get(i).name(),
            e instanceof TimeoutException ? "timed out" : e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return hits;
  }
}
