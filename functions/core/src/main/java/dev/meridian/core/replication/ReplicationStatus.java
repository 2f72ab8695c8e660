package dev.meridian.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Reference;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.PendingTag;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.storage.TagState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Replication status of {@code <repository>:<reference>} in every region ({@code GET
 * /meridian/v1/replication/<repository>/<reference>}), read from every region's index and from
 * the acks and failure markers in the origin's bucket.
 *
 * <p>The target state is the newest one any region holds: for a tag, the highest version in any
 * index; for a digest, the manifest being indexed. A region holding it is {@code CURRENT} (with
 * the time its ack reached the origin, or the record's time at the origin itself); otherwise it is
 * {@code FAILED} when the origin's last fan-out to it failed, else {@code PENDING}.
 */
public final class ReplicationStatus {

  public enum State {
    CURRENT,
    PENDING,
    FAILED
  }

  /**
   * One region's view.
   *
   * @param manifestPresent whether the region's index holds the (tag's) manifest
   * @param tagDigest the digest the region's tag points at, null for a digest reference or none
   * @param tagVersion the version of the region's tag record (tombstone included), or null
   * @param appliedAt when the region acked the target change (at the origin: when it was made)
   * @param failedAt when the origin's last fan-out to the region failed, or null
   * @param error that failure's message, or null
   * @param pending for a tag: the newer version its origin has started sending to the region and
   *     the region has not applied (what its pulls announce with {@code Meridian-Replication:
   *     pending}), or null
   */
  public record RegionState(String region, Seed seed, State state, boolean manifestPresent,
      String tagDigest, String tagVersion, Instant appliedAt, Instant failedAt, String error,
      PendingTag pending) {}

  private final ReplicaSet replicas;
  private final AckLedger acks;

  public ReplicationStatus(ReplicaSet replicas, Clock clock) {
    this.replicas = replicas;
    this.acks = new AckLedger(replicas, clock);
  }

  public List<RegionState> of(RepositoryName repository, String reference) {
    Reference ref = Reference.parse(reference);
    return ref.isDigest() ? ofDigest(repository, ref.digest()) : ofTag(repository, reference);
  }

  private List<RegionState> ofTag(RepositoryName repository, String tag) {
    Optional<TagRecord> newest = replicas.regions().stream()
        .flatMap(r -> r.index().getTag(repository, tag).stream())
        .max(Comparator.comparing(TagRecord::version));
    String changeKey = newest.map(t -> StorageLayout.tagRecord(repository, tag, t.version()))
        .orElse(null);
    Region origin = newest.flatMap(t -> replicas.find(t.version().originSeed())).orElse(null);
    List<RegionState> states = new ArrayList<>();
    for (Region region : replicas.regions()) {
      Optional<TagState> tagState = region.index().getTagState(repository, tag);
      Optional<TagRecord> held = tagState.map(TagState::record);
      boolean current = held.isPresent() && held.equals(newest);
      boolean manifest = held.filter(t -> !t.isDeleted())
          .flatMap(t -> region.index().getManifest(repository, t.digest())).isPresent();
      RegionState s = state(region, origin, changeKey, current || newest.isEmpty(), manifest,
          held.map(t -> t.digest() == null ? null : t.digest().toString()).orElse(null),
          held.map(t -> t.version().toString()).orElse(null), null);
      PendingTag pending = tagState.map(TagState::newerPending).orElse(null);
      states.add(pending == null ? s : new RegionState(s.region(), s.seed(), s.state(),
          s.manifestPresent(), s.tagDigest(), s.tagVersion(), s.appliedAt(), s.failedAt(),
          s.error(), pending));
    }
    return states;
  }

  private List<RegionState> ofDigest(RepositoryName repository, Digest digest) {
    String changeKey = StorageLayout.manifest(repository, digest);
    Region origin = replicas.regions().stream()
        .flatMap(r -> r.objects().head(changeKey).stream())
        .map(i -> StorageLayout.origin(i.metadata()))
        .flatMap(seed -> seed == null ? java.util.stream.Stream.empty()
            : replicas.find(seed).stream())
        .findFirst().orElse(null);
    boolean anywhere = replicas.regions().stream()
        .anyMatch(r -> r.index().getManifest(repository, digest).isPresent());
    List<RegionState> states = new ArrayList<>();
    for (Region region : replicas.regions()) {
      Optional<ManifestRecord> held = region.index().getManifest(repository, digest);
      states.add(state(region, origin, changeKey, held.isPresent() || !anywhere,
          held.isPresent(), null, null, held.map(ManifestRecord::createdAt).orElse(null)));
    }
    return states;
  }

  private RegionState state(Region region, Region origin, String changeKey, boolean current,
      boolean manifest, String tagDigest, String tagVersion, Instant indexedAt) {
    Instant appliedAt = indexedAt;
    Instant failedAt = null;
    String error = null;
    if (origin != null && changeKey != null && !origin.seed().equals(region.seed())) {
      appliedAt = acks.ackedAt(origin, changeKey, region.seed()).orElse(appliedAt);
      Optional<JsonNode> failure = acks.failure(origin, changeKey, region.seed());
      if (failure.isPresent()) {
        failedAt = Instant.parse(failure.get().path("at").asText());
        error = failure.get().path("error").asText(null);
      }
    }
    State state = current ? State.CURRENT : failedAt != null ? State.FAILED : State.PENDING;
    return new RegionState(region.name(), region.seed(), state, manifest, tagDigest, tagVersion,
        current ? appliedAt : null, failedAt, error, null);
  }
}
