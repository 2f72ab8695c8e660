package dev.meridian.core.manifest;

import dev.meridian.core.events.EventRequest;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.PendingTag;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.HybridLogicalClock;
import dev.meridian.core.version.Version;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tag resolution and tag changes. A change is a new immutable tag record object (the regional
 * truth that replicates, docs/architecture.md) followed by a versioned conditional write to the
 * index; a delete is a tombstone written the same way.
 *
 * <p>Before issuing a version the clock observes the version the index holds, so a local change
 * made after a replicated one always wins over it; if the conditional write still loses (a newer
 * change raced in), it retries with a higher version.
 *
 * <p>The optional tag cache is invalidated after every index write made here and by {@link
 * #changed}; see {@link InvalidatingCache} for why a concurrent reader cannot re-insert a stale
 * digest.
 */
final class TagService {
  private static final int MAX_ATTEMPTS = 5;
  private static final long CACHE_BYTES = 8L * 1024 * 1024;

  /** How long a cached resolution stands before its pending mark is read again (1 s). */
  private static final long PENDING_RECHECK_NANOS = 1_000_000_000L;

  record Key(RepositoryName repository, String tag) {}

  /**
   * A live tag's digest, the newer version on its way here (null: none known) and when this was
   * read ({@link System#nanoTime}).
   */
  record Resolved(Digest digest, PendingTag pending, long loadedAt) {}

  private final MetadataIndex index;
  private final ObjectStore objects;
  private final HybridLogicalClock clock;
  private final Seed regionSeed;
  private final InvalidatingCache<Key, Resolved> cache;
  /** Striped by key: reloads of an expired entry, one at a time per stripe. */
  private final Object[] reloadLocks = new Object[64];

  TagService(MetadataIndex index, ObjectStore objects, HybridLogicalClock clock, Seed regionSeed,
      boolean cached) {
    this.index = index;
    this.objects = objects;
    this.clock = clock;
    this.regionSeed = regionSeed;
    this.cache = new InvalidatingCache<>(cached ? CACHE_BYTES : 0, d -> 160);
    Arrays.setAll(reloadLocks, i -> new Object());
  }

  /** The digest a live tag points at, or empty (never written, or deleted). */
  Optional<Digest> resolve(RepositoryName repository, Tag tag) {
    return resolveLive(repository, tag).map(Resolved::digest);
  }

  /**
   * The live tag's digest with the newer version known to be on its way here, if any
   * (the mark is on the same index item, so this is the same single read). A cached resolution is
   * used for at most {@link #PENDING_RECHECK_NANOS}: the mark is written by the origin's
   * replication, which no invalidation of this process's cache follows.
   */
  Optional<Resolved> resolveLive(RepositoryName repository, Tag tag) {
    Key key = new Key(repository, tag.value());
    if (!cache.enabled()) {
      return load(key);
    }
    Resolved hit = cache.get(key);
    if (hit == null) {
      return load(key); // never cached or invalidated: no herd to spare, and 404s stay parallel
    }
    if (isCurrent(hit)) {
      return Optional.of(hit);
    }
    // Expired: one reload per key, not one per request thread that finds it so (a popular tag
    // expires under every in-flight pull at once). A waiter takes the reload's result only as
    // an ordinary hit, so a write that invalidated meanwhile makes it read for itself.
    synchronized (reloadLocks[Math.floorMod(key.hashCode(), reloadLocks.length)]) {
      Resolved reloaded = cache.get(key);
      if (reloaded != null && isCurrent(reloaded)) {
        return Optional.of(reloaded);
      }
      return load(key);
    }
  }

  private static boolean isCurrent(Resolved cached) {
    return System.nanoTime() - cached.loadedAt() < PENDING_RECHECK_NANOS;
  }

  private Optional<Resolved> load(Key key) {
    long stamp = cache.stamp();
    long loadedAt = System.nanoTime();
    Optional<Resolved> resolved = index.getTagState(key.repository(), key.tag())
        .filter(t -> !t.record().isDeleted())
        .map(t -> new Resolved(t.record().digest(), t.newerPending(), loadedAt));
    resolved.ifPresent(r -> cache.putIfFresh(key, r, stamp));
    return resolved;
  }

  /**
   * Points {@code tag} at {@code digest}; returns the applied record. {@code held} is the tag's
   * record as just read by {@link #current} (saves reading it again).
   */
  TagRecord point(RepositoryName repository, Tag tag, Digest digest, EventRequest request,
      Optional<TagRecord> held) {
    return write(repository, tag.value(), digest, request, held);
  }

  /** The tag's record in the index now, tombstone included; empty when never written. */
  Optional<TagRecord> current(RepositoryName repository, Tag tag) {
    return index.getTag(repository, tag.value());
  }

  /** Tombstones a live tag; empty when it does not exist (or is already deleted). */
  Optional<TagRecord> delete(RepositoryName repository, Tag tag, EventRequest request) {
    if (resolve(repository, tag).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(write(repository, tag.value(), null, request, null));
  }

  /** Tombstones every live tag pointing at {@code digest} (manifest delete). */
  void deleteAllPointingTo(RepositoryName repository, Digest digest, EventRequest request) {
    for (TagRecord t : index.tagsPointingTo(repository, digest)) {
      write(repository, t.tag(), null, request, null);
    }
  }

  /** Moves the clock past a version applied from a peer (replication). */
  void observe(Version version) {
    clock.observe(version);
  }

  /** Drops the cached resolution; call after the index changed for this tag by other means. */
  void changed(RepositoryName repository, String tag) {
    cache.invalidate(new Key(repository, tag));
  }

  /** {@code known}: the tag's record as read just before (null: read it here). */
  private TagRecord write(RepositoryName repository, String tag, Digest digest,
      EventRequest request, Optional<TagRecord> known) {
    Key key = new Key(repository, tag);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<TagRecord> held = attempt == 0 && known != null ? known
          : index.getTag(repository, tag);
      held.ifPresent(h -> clock.observe(h.version()));
      Version version = clock.next();
      TagRecord record = digest == null
          ? TagRecord.deleted(tag, version)
          : TagRecord.pointing(tag, digest, version);
      // The object first: the index is rebuildable from the bucket, never the other way round.
      if (!objects.putIfAbsent(StorageLayout.tagRecord(repository, tag, version),
          TagRecordJson.encode(repository, record), TagRecordJson.CONTENT_TYPE,
          ManifestStore.changeMetadata(regionSeed, request))) {
        continue; // another instance issued the same version; take a higher one
      }
      boolean applied = index.putTag(repository, record);
      cache.invalidate(key);
      if (applied) {
        return record;
      }
    }
    throw new StorageException("tag " + repository + ":" + tag + " lost " + MAX_ATTEMPTS
        + " conditional writes to newer versions");
  }
}
