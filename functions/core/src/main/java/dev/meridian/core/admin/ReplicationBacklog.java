package dev.meridian.core.admin;

import dev.meridian.core.metrics.MetricNames;
import dev.meridian.core.metrics.Metrics;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.StorageKeys;
import dev.meridian.core.storage.StorageLayout;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The replication backlog of one region towards each peer (metric {@code
 * meridian.replication.backlog}, docs/operations.md): how many changes accepted in this region a
 * peer has not acknowledged yet — the {@code pendingChanges} of {@code GET /meridian/v1/regions}
 * ({@link ReplicationLag}, which also weighs and dates them), counted the same way: a change
 * object here whose origin is this region, without {@code _acks/<change-key>/<peer-seed>}.
 *
 * <p>Cheap enough for every scrape: one listing of {@code repositories/} and one of {@code
 * _acks/} in this bucket, plus a HEAD only for a manifest object not seen before — a tag record's
 * or tombstone's origin is in its key, and a manifest object's origin metadata does not change
 * while its key exists (write-once), so it is remembered as long as the key is listed.
 */
public final class ReplicationBacklog {
  private final ReplicaSet replicas;
  private final Seed selfSeed;
  private final Map<String, Boolean> ownManifests = new ConcurrentHashMap<>();

  public ReplicationBacklog(ReplicaSet replicas, Seed selfSeed) {
    this.replicas = replicas;
    this.selfSeed = selfSeed;
  }

  /** One peer's backlog: its region's name and seed, and the changes it has not acked. */
  public record Peer(String region, Seed seed, long pendingChanges) {}

  /** The peers' seeds, in seed order (the gauges' {@code peer} tag values). */
  public List<Seed> peerSeeds() {
    return replicas.peersOf(selfSeed).stream().map(Region::seed).toList();
  }

  /** The backlog towards every peer, in seed order (reads the bucket). */
  public List<Peer> perPeer() {
    Region self = replicas.region(selfSeed);
    List<Region> peers = replicas.peersOf(selfSeed);
    Set<String> acked = ChangeMarkers.markers(self.objects(), StorageLayout.ACKS_PREFIX);
    long[] pending = new long[peers.size()];
    Set<String> listed = new HashSet<>();
    for (String key : ChangeMarkers.all(self.objects(), StorageLayout.REPOSITORIES_PREFIX)) {
      if (!(StorageKeys.parse(key) instanceof ObjectKind.Change change)) {
        continue;
      }
      boolean counted = false;
      for (int i = 0; i < peers.size(); i++) {
        if (!acked.contains(ChangeMarkers.marker(change.key(), peers.get(i).seed()))) {
          if (!counted && !own(self, change, listed)) {
            break; // arrived from a peer: its origin keeps its acks
          }
          counted = true;
          pending[i]++;
        }
      }
    }
    ownManifests.keySet().retainAll(listed);
    return IntStream.range(0, peers.size())
        .mapToObj(i -> new Peer(peers.get(i).name(), peers.get(i).seed(), pending[i])).toList();
  }

  /**
   * Reports each peer's backlog once as {@code meridian.replication.backlog} (tags {@code
   * region}, {@code peer}): where nothing scrapes gauges (Lambda's Embedded Metric Format), a
   * value per run.
   */
  public void report(Metrics metrics, String regionName) {
    for (Peer p : perPeer()) {
      metrics.observe(MetricNames.REPLICATION_BACKLOG, p.pendingChanges(), "region", regionName,
          "peer", p.seed().value());
    }
  }

  /** Whether {@code change}'s origin is this region. */
  private boolean own(Region self, ObjectKind.Change change, Set<String> listed) {
    if (change.version() != null) {
      return change.version().originSeed().equals(selfSeed);
    }
    // A manifest object: its key carries no version, its origin is in its metadata.
    String key = change.key();
    listed.add(key);
    Boolean known = ownManifests.get(key);
    if (known != null) {
      return known;
    }
    Optional<ObjectInfo> info = self.objects().head(key);
    if (info.isEmpty()) {
      return false; // deleted since the listing: not remembered
    }
    boolean own = selfSeed.equals(StorageLayout.origin(info.get().metadata()));
    ownManifests.put(key, own);
    return own;
  }
}
