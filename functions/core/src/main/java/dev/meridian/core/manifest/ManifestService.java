package dev.meridian.core.manifest;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.events.RegionalEvents;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Reference;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.Concurrently;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.HybridLogicalClock;
import dev.meridian.core.version.Version;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A region's manifests and tags, below every caller: pushes, deletes, restores and lock re-pins
 * with the guard in front ({@link ManifestGuard}) and the regional events after; the hooks
 * replication calls when it changes the index behind this process's back (tag and manifest
 * caches, the hybrid logical clock, the guard's say on arriving tags). The HTTP endpoints
 * ({@link ManifestEndpoints}), replication ({@code ReplicationListener}) and the lifecycle
 * (retention, locks, soft delete) all call this class; it knows nothing of HTTP.
 *
 * <p>Storage rules live in {@link ManifestStore} (manifests by digest) and {@link TagService}.
 */
public final class ManifestService {

  private final Seed regionSeed;
  private final ManifestParser parser = new ManifestParser();
  private final ManifestStore manifests;
  private final TagService tags;
  private final MetadataIndex index;
  private final RegionalEvents events; // null: no event log (API tests)
  private volatile ManifestGuard guard = ManifestGuard.NONE;

  /**
   * Local pushes and deletes append {@code push}/{@code delete} events to {@code eventLog} (null:
   * none) after the index write (the first step of the replication protocol,
   * docs/replication.md); a manifest PUT whose blobs are linked in a peer region but not here
   * obtains them from {@code peers}.
   */
  public ManifestService(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      Clock clock, EventLog eventLog, BlobSource peers) {
    this.regionSeed = settings.regionSeed();
    this.index = index;
    // One clock for tag records, manifest put records and tombstones: versions of one region
    // never repeat, and every change made here after seeing a version is newer than it.
    HybridLogicalClock versions = new HybridLogicalClock(clock, settings.regionSeed());
    this.manifests = new ManifestStore(objects, index, clock, versions, settings.regionSeed(),
        settings.manifestCacheBytes(), peers);
    this.tags = new TagService(index, objects, versions, settings.regionSeed(),
        settings.tagCache());
    this.events = eventLog == null ? null
        : new RegionalEvents(settings.regionName(), eventLog, clock);
  }

  /**
   * Puts {@code guard} (locks and immutable tags, docs/retention-and-locks.md) in front of every
   * push, delete, read and tag listing here, and of replication's tag arrivals through {@link
   * #admitsArrivingTag}. Returns this.
   */
  public ManifestService guardedBy(ManifestGuard guard) {
    this.guard = guard;
    return this;
  }

  ManifestGuard guard() {
    return guard;
  }

  /** The digest a live tag points at and the newer version on its way here, or empty. */
  Optional<TagService.Resolved> resolveLive(RepositoryName name, Tag tag) {
    return tags.resolveLive(name, tag);
  }

  /** A manifest in the repository here, through the in-process cache. */
  Optional<StoredManifest> get(RepositoryName name, Digest digest) {
    return manifests.get(name, digest);
  }

  /**
   * Stores a manifest whose digest was computed over {@code bytes}, points {@code ref}'s tag at it
   * (when {@code ref} is a tag) and records the push. The guard is asked before anything is
   * stored: a refused push leaves no untagged manifest behind.
   */
  ManifestRecord push(RepositoryName name, Reference ref, Digest digest, byte[] bytes,
      ParsedManifest parsed, EventRequest origin) {
    // The tag's current record is read while the manifest is stored: the two do not depend on
    // each other, and one after the other they were two round trips of a push's last request.
    AtomicReference<ManifestRecord> put = new AtomicReference<>();
    AtomicReference<Optional<TagRecord>> held = new AtomicReference<>(Optional.empty());
    ManifestGuard guard = this.guard;
    if (guard != ManifestGuard.NONE) {
      if (!ref.isDigest()) {
        held.set(tags.current(name, ref.tag()));
      }
      guard.checkPush(name, ref.isDigest() ? null : ref.tag().value(), digest, held.get());
    }
    boolean heldRead = guard != ManifestGuard.NONE;
    Concurrently.run(
        () -> put.set(manifests.put(name, digest, bytes, parsed, origin,
            ref.isDigest() ? null : ref.tag().value())),
        () -> {
          if (!ref.isDigest() && !heldRead) {
            held.set(tags.current(name, ref.tag()));
          }
        });
    ManifestRecord stored = put.get();
    pointAndRecord(name, ref.isDigest() ? null : ref.tag(), stored, origin, held.get());
    return stored;
  }

  /**
   * Deletes a tag or (by digest) a manifest as a client's DELETE does, guard included; {@code
   * origin} carries the reason of a delete Meridian decided itself ({@code retention}).
   */
  public void delete(RepositoryName name, Reference ref, EventRequest origin) {
    String reference = ref.toString();
    if (ref.isDigest()) {
      guard.checkManifestDelete(name, ref.digest(), index.tagsPointingTo(name, ref.digest()));
      ManifestStore.Deleted deleted = manifests.delete(name, ref.digest(), origin)
          .orElseThrow(() -> unknown(name, reference));
      tags.deleteAllPointingTo(name, ref.digest(), origin);
      record(EventAction.DELETE,
          StorageLayout.manifestTombstone(name, ref.digest(), deleted.version()),
          new RegionalEvents.Target(name, null, ref.digest(), deleted.record().mediaType(),
              deleted.record().size()), deleted.version(), origin);
    } else {
      guard.checkTagDelete(name, ref.tag().value(), tags.resolve(name, ref.tag()).orElse(null));
      TagRecord tombstone = tags.delete(name, ref.tag(), origin)
          .orElseThrow(() -> unknown(name, reference));
      record(EventAction.DELETE, StorageLayout.tagRecord(name, tombstone.tag(),
          tombstone.version()), new RegionalEvents.Target(name, tombstone.tag(), null, null, -1),
          tombstone.version(), origin);
    }
  }

  /**
   * Brings a deleted manifest back into the repository from the bytes its bucket still holds
   * (soft delete): a put at a version past its tombstone, so it replicates and wins everywhere as
   * a push after the delete does; {@code tag} (null: none) is pointed at it. Empty when the bucket
   * no longer holds the manifest. Its blobs must still be linked (MANIFEST_BLOB_UNKNOWN otherwise).
   */
  public Optional<ManifestRecord> restore(RepositoryName name, Digest digest, Tag tag,
      EventRequest origin) {
    Optional<StoredManifest> stored = manifests.stored(name, digest);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Optional<TagRecord> held = tag == null ? Optional.empty() : tags.current(name, tag);
    guard.checkPush(name, tag == null ? null : tag.value(), digest, held);
    byte[] bytes = stored.get().bytes();
    ParsedManifest parsed = parser.parse(bytes, stored.get().mediaType());
    ManifestRecord record = manifests.put(name, digest, bytes, parsed, origin,
        tag == null ? null : tag.value());
    pointAndRecord(name, tag, record, origin, held);
    return Optional.of(record);
  }

  /**
   * After a manifest was stored: by digest, a {@code push} event (a repeated push of the same
   * bytes is a new event, as on ACR, hence the request id in its subject); by tag, the tag is
   * pointed at it and its record is the event's subject.
   */
  private void pointAndRecord(RepositoryName name, Tag tag, ManifestRecord stored,
      EventRequest origin, Optional<TagRecord> held) {
    Digest digest = stored.digest();
    if (tag == null) {
      record(EventAction.PUSH, StorageLayout.manifest(name, digest) + "@" + origin.id(),
          new RegionalEvents.Target(name, null, digest, stored.mediaType(), stored.size()),
          null, origin);
    } else {
      TagRecord t = tags.point(name, tag, digest, origin, held);
      record(EventAction.PUSH, StorageLayout.tagRecord(name, t.tag(), t.version()),
          new RegionalEvents.Target(name, t.tag(), digest, stored.mediaType(), stored.size()),
          t.version(), origin);
    }
  }

  /**
   * Replication asks before applying a peer's tag record: whether the guard admits it. When the
   * index holds a state the tag's lock or immutability refuses, and the state every region must
   * converge on cannot win by version, a new record with that state is written here (a normal
   * replicated change whose events carry {@code reason: lock}).
   */
  public boolean admitsArrivingTag(RepositoryName repository, TagRecord incoming) {
    if (guard == ManifestGuard.NONE) {
      return true;
    }
    Tag tag = Tag.parse(incoming.tag());
    // Read only for a guarded tag: most arrivals cost no extra index read.
    AtomicReference<Optional<TagRecord>> held = new AtomicReference<>();
    Supplier<Optional<TagRecord>> current = () -> {
      if (held.get() == null) {
        held.set(tags.current(repository, tag));
      }
      return held.get();
    };
    ManifestGuard.Arbitration a = guard.arbitrate(repository, incoming, current);
    if (a.repin() != null) {
      repin(repository, tag, a.repin().digest(), current.get());
    }
    return a.admit();
  }

  /**
   * Makes the index hold {@code digest} for {@code tag} (null: a tombstone) at a fresh version,
   * unless it holds that state already; used by {@link #admitsArrivingTag} and by the lock
   * enforcement sweep.
   */
  public void repin(RepositoryName repository, Tag tag, Digest digest, Optional<TagRecord> held) {
    Digest current = held.filter(h -> !h.isDeleted()).map(TagRecord::digest).orElse(null);
    if (Objects.equals(current, digest) && held.isPresent()) {
      return;
    }
    EventRequest origin = new EventRequest(UUID.randomUUID().toString(), null, "PUT",
        "meridian-lock", "lock");
    TagRecord record = digest == null ? tags.delete(repository, tag, origin).orElse(null)
        : tags.point(repository, tag, digest, origin, held);
    if (record != null) {
      ManifestRecord m = digest == null ? null : index.getManifest(repository, digest).orElse(null);
      record(digest == null ? EventAction.DELETE : EventAction.PUSH,
          StorageLayout.tagRecord(repository, record.tag(), record.version()),
          new RegionalEvents.Target(repository, record.tag(), digest,
              m == null ? null : m.mediaType(), m == null ? -1 : m.size()),
          record.version(), origin);
    }
  }

  /**
   * Moves this process's hybrid logical clock past a version replication applied, so a tag
   * written here afterwards wins over it even before the index is read (see {@link Version}).
   */
  public void versionObserved(Version version) {
    tags.observe(version);
  }

  /**
   * Drops this process's cached resolution of {@code tag}. Replication calls it after applying a
   * tag record from another region to the index, so no pull through this process reads the old
   * digest afterwards.
   */
  public void tagChanged(RepositoryName repository, String tag) {
    tags.changed(repository, tag);
  }

  /** Drops a cached manifest; replication calls it after applying a manifest delete. */
  public void manifestDeleted(RepositoryName repository, Digest digest) {
    manifests.evict(repository, digest);
  }

  private void record(EventAction action, String subject, RegionalEvents.Target target,
      Version version, EventRequest request) {
    if (events != null) {
      events.append(action, subject, target, regionSeed, version, request);
    }
  }

  static RegistryException unknown(RepositoryName name, String reference) {
    return new RegistryException(ErrorKind.MANIFEST_UNKNOWN,
        "manifest unknown: " + name + ":" + reference);
  }
}
