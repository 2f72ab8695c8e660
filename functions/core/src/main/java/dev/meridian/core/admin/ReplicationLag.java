package dev.meridian.core.admin;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.StorageKeys;
import dev.meridian.core.storage.StorageLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replication lag of one region towards each peer, from what the origin alone knows: a
 * change accepted here ({@code repositories/…} object whose origin is this region) is
 * <em>pending</em> for a peer until {@code _acks/<change-key>/<peer-seed>} exists in this bucket.
 * No new object or index item is written: the ack and failure markers replication already keeps
 * are the record.
 *
 * <p>Per peer: pending change count; the oldest pending change's time (a tag record's or
 * tombstone's HLC millis; a manifest's {@code createdAt} in this region's index); pending bytes =
 * each pending manifest's size plus its blobs' sizes, each blob counted once per peer (an upper
 * bound: the peer may already hold a blob through another repository; tag records and tombstones,
 * a few hundred bytes, are not counted); and how many pending changes carry a failure marker.
 *
 * <p>Cost: one listing of {@code repositories/}, {@code _acks/} and {@code _failures/} of this
 * bucket, plus a HEAD per manifest that some peer has not acked. Fine for an admin call; a region
 * with millions of changes would want a pending-index item per change, written at push and
 * deleted at the last ack (additive, not needed yet).
 */
final class ReplicationLag {
  /** One peer's lag as seen from this region. {@code oldestPending} is null when none pend. */
  record PeerLag(String region, Seed seed, long pendingChanges, long pendingBytes,
      long failedChanges, Instant oldestPending) {}

  private final ReplicaSet replicas;
  private final Region self;

  ReplicationLag(ReplicaSet replicas, Region self) {
    this.replicas = replicas;
    this.self = self;
  }

  /** Lag towards every peer, in seed order. */
  List<PeerLag> perPeer() {
    Set<String> acked = markers(StorageLayout.ACKS_PREFIX);
    Set<String> failed = markers(StorageLayout.FAILURES_PREFIX);
    List<Region> peers = replicas.peersOf(self.seed());
    Map<Seed, Tally> tallies = new LinkedHashMap<>();
    peers.forEach(p -> tallies.put(p.seed(), new Tally()));
    for (String key : all(StorageLayout.REPOSITORIES_PREFIX)) {
      if (!(StorageKeys.parse(key) instanceof ObjectKind.Change change)) {
        continue;
      }
      List<Region> waiting = peers.stream()
          .filter(p -> !acked.contains(marker(change.key(), p.seed()))).toList();
      if (waiting.isEmpty()) {
        continue;
      }
      Optional<Pending> pending = ownChange(change);
      if (pending.isEmpty()) {
        continue;
      }
      for (Region peer : waiting) {
        tallies.get(peer.seed()).add(pending.get(), failed.contains(marker(change.key(),
            peer.seed())));
      }
    }
    List<PeerLag> lags = new ArrayList<>();
    for (Region peer : peers) {
      Tally t = tallies.get(peer.seed());
      lags.add(new PeerLag(peer.name(), peer.seed(), t.changes, t.bytes, t.failed, t.oldest));
    }
    return lags;
  }

  /** What a change of this region weighs; empty when its origin is another region. */
  private Optional<Pending> ownChange(ObjectKind.Change change) {
    return change.accept(new ObjectKind.Change.Cases<>() {
      @Override
      public Optional<Pending> manifest(ObjectKind.Manifest m) {
        return ownManifest(m);
      }

      @Override
      public Optional<Pending> tagRecord(ObjectKind.TagRecordKey t) {
        return ownRecord(t);
      }

      @Override
      public Optional<Pending> manifestPut(ObjectKind.ManifestPut p) {
        return ownRecord(p);
      }

      @Override
      public Optional<Pending> manifestTombstone(ObjectKind.ManifestTombstone t) {
        return ownRecord(t);
      }
    });
  }

  /** A versioned record: its version says its origin and time; its size is not counted. */
  private Optional<Pending> ownRecord(ObjectKind.Change record) {
    return record.version().originSeed().equals(self.seed())
        ? Optional.of(new Pending(Instant.ofEpochMilli(record.version().millis()), 0, List.of()))
        : Optional.empty();
  }

  /** A manifest object: its metadata says its origin; it weighs its size and its blobs'. */
  private Optional<Pending> ownManifest(ObjectKind.Manifest m) {
    Optional<ObjectInfo> info = self.objects().head(m.key());
    if (info.isEmpty() || !self.seed().equals(m.originSeed(info.get()))) {
      return Optional.empty();
    }
    Optional<ManifestRecord> record = self.index().getManifest(m.repository(), m.digest());
    return Optional.of(new Pending(record.map(ManifestRecord::createdAt).orElse(null),
        info.get().size(), record.map(ManifestRecord::blobs).orElse(List.of())));
  }

  private record Pending(Instant at, long size, List<Digest> blobs) {}

  private final class Tally {
    long changes;
    long bytes;
    long failed;
    Instant oldest;
    final Set<Digest> blobsCounted = new HashSet<>();

    void add(Pending p, boolean hasFailure) {
      changes++;
      failed += hasFailure ? 1 : 0;
      bytes += p.size();
      for (Digest blob : p.blobs()) {
        if (blobsCounted.add(blob)) {
          bytes += self.index().getBlob(blob).map(BlobRecord::size).orElse(0L);
        }
      }
      if (p.at() != null && (oldest == null || p.at().isBefore(oldest))) {
        oldest = p.at();
      }
    }
  }

  private Set<String> markers(String prefix) {
    return ChangeMarkers.markers(self.objects(), prefix);
  }

  private static String marker(String changeKey, Seed seed) {
    return ChangeMarkers.marker(changeKey, seed);
  }

  private List<String> all(String prefix) {
    return ChangeMarkers.all(self.objects(), prefix);
  }
}
