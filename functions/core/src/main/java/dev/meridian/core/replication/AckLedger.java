package dev.meridian.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.RegionalEvents;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageKeys;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Acks and the {@code replicated} event (docs/architecture.md, replication protocol step 4). A peer
 * that processed a change writes {@code _acks/<change-key>/<peer-seed>} into the ORIGIN's bucket
 * (write-once; body {@code {"peer","at"}}). That object's ObjectCreated notification runs the
 * origin's replicate, which lists the change's acks; when every peer of the origin has acked, it
 * appends one {@code replicated} event. Exactly once: the event's id is derived from the change
 * key, and {@code EventLog.append} keeps the first of any number of concurrent or repeated appends
 * (S3 lists are strongly consistent, so whoever handles the last ack sees them all).
 *
 * <p>A failed fan-out to a peer leaves {@code _failures/<change-key>/<peer-seed>} (overwritten by
 * each failure; an ack supersedes it) for {@link ReplicationStatus}.
 */
final class AckLedger {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReplicaSet replicas;
  private final Clock clock;

  AckLedger(ReplicaSet replicas, Clock clock) {
    this.replicas = replicas;
    this.clock = clock;
  }

  /** Records, in {@code origin}'s bucket, that {@code peerSeed} processed {@code changeKey}. */
  void ack(Region origin, String changeKey, Seed peerSeed) {
    origin.objects().putIfAbsent(StorageLayout.ack(changeKey, peerSeed),
        json("{\"peer\":\"" + peerSeed + "\",\"at\":\"" + clock.instant() + "\"}"),
        "application/json");
  }

  void failed(Region origin, String changeKey, Seed peerSeed, RuntimeException error) {
    String message = String.valueOf(error.getMessage()).replace("\\", "/").replace("\"", "'");
    byte[] body = json("{\"peer\":\"" + peerSeed + "\",\"at\":\"" + clock.instant()
        + "\",\"error\":\"" + message + "\"}");
    origin.objects().put(StorageLayout.failure(changeKey, peerSeed),
        new ByteArrayInputStream(body), body.length, "application/json");
  }

  /** When {@code origin}'s bucket holds acks from every peer, appends {@code replicated} once. */
  boolean completeIfAllAcked(Region origin, String changeKey) {
    if (!allAcked(origin, changeKey)
        || !(StorageKeys.parse(changeKey) instanceof ObjectKind.Change change)) {
      return false;
    }
    Optional<RegionalEvents.Target> target = change.accept(new Announced(origin.objects()));
    return target.isPresent() && new RegionalEvents(origin.name(), origin.events(), clock)
        .append(EventAction.REPLICATED, changeKey, target.get(), origin.seed(), change.version(),
            null)
        .appended();
  }

  /** Whether {@code origin}'s bucket holds an ack of {@code changeKey} from every peer. */
  boolean allAcked(Region origin, String changeKey) {
    Set<Seed> acked = new HashSet<>();
    for (String key : origin.objects().list(StorageLayout.ackPrefix(changeKey), null, 1000)) {
      if (StorageKeys.parse(key) instanceof ObjectKind.Ack a) {
        acked.add(a.peerSeed());
      }
    }
    return replicas.peersOf(origin.seed()).stream().allMatch(p -> acked.contains(p.seed()));
  }

  /** When {@code peerSeed} acked {@code changeKey} at {@code origin}, or empty. */
  Optional<Instant> ackedAt(Region origin, String changeKey, Seed peerSeed) {
    return read(origin.objects(), StorageLayout.ack(changeKey, peerSeed))
        .map(n -> Instant.parse(n.path("at").asText()));
  }

  /** The last failure of the fan-out of {@code changeKey} to {@code peerSeed}: at, error. */
  Optional<JsonNode> failure(Region origin, String changeKey, Seed peerSeed) {
    return read(origin.objects(), StorageLayout.failure(changeKey, peerSeed));
  }

  /**
   * What the {@code replicated} event of a change names, or empty when another change announces
   * the same push (each push is announced once).
   */
  private record Announced(ObjectStore objects)
      implements ObjectKind.Change.Cases<Optional<RegionalEvents.Target>> {
    @Override
    public Optional<RegionalEvents.Target> manifest(ObjectKind.Manifest m) {
      Optional<ObjectInfo> info = objects.head(m.key());
      if (info.map(i -> i.metadata().containsKey(StorageLayout.PUSHED_TAG_METADATA))
          .orElse(false)) {
        return Optional.empty(); // pushed by tag: the tag record's completion announces it
      }
      return Optional.of(info
          .map(i -> new RegionalEvents.Target(m.repository(), null, m.digest(), i.contentType(),
              i.size()))
          .orElse(new RegionalEvents.Target(m.repository(), null, m.digest(), null, -1)));
    }

    @Override
    public Optional<RegionalEvents.Target> tagRecord(ObjectKind.TagRecordKey t) {
      TagRecord record = ChangeObjects.tagRecord(objects, t.key()).orElseThrow();
      return Optional.of(
          new RegionalEvents.Target(t.repository(), t.tag(), record.digest(), null, -1));
    }

    @Override
    public Optional<RegionalEvents.Target> manifestPut(ObjectKind.ManifestPut put) {
      return Optional.empty(); // announced by its manifest object or tag record, once
    }

    @Override
    public Optional<RegionalEvents.Target> manifestTombstone(ObjectKind.ManifestTombstone t) {
      return Optional.of(new RegionalEvents.Target(t.repository(), null, t.digest(), null, -1));
    }
  }

  private static Optional<JsonNode> read(ObjectStore objects, String key) {
    Optional<ObjectContent> content = objects.get(key);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectContent c = content.get()) {
      return Optional.of(JSON.readTree(c.stream().readAllBytes()));
    } catch (IOException e) {
      throw new StorageException("reading " + key + " failed", e);
    }
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
