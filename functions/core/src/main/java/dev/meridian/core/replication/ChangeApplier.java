package dev.meridian.core.replication;

import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.RegionalEvents;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a change object held in a region's bucket to that region's index (DESIGN.md, protocol
 * step 3), then appends the regional event. Dependencies are applied from the bucket first —
 * a manifest's blobs and children before the manifest, a tag's manifest before the tag — so the
 * index never names content it cannot serve, whatever order notifications arrive in. Every step
 * is idempotent; a tag applies only if its version is higher than the one held.
 *
 * <p>A manifest with a tombstone in the bucket stays deleted: a late tag record or duplicate
 * notification does not bring it back (the tombstone's own tag tombstones follow it).
 */
final class ChangeApplier {

  /** Whether the change altered the index. */
  enum Outcome {
    APPLIED,
    ALREADY_APPLIED
  }

  private final Region self;
  private final ReplicationListener listener;
  private final Clock clock;
  private final RegionalEvents events;
  private final KeyedLocks manifestLocks = new KeyedLocks();

  ChangeApplier(Region self, ReplicationListener listener, Clock clock) {
    this.self = self;
    this.listener = listener;
    this.clock = clock;
    this.events = new RegionalEvents(self.name(), self.events(), clock);
  }

  Outcome apply(ObjectKind.Change change, ObjectInfo info, String originSeed) {
    if (change instanceof ObjectKind.Manifest m) {
      return applyManifest(m);
    }
    if (change instanceof ObjectKind.TagRecordKey t) {
      return applyTag(t, info);
    }
    return applyTombstone((ObjectKind.ManifestTombstone) change, info);
  }

  private Outcome applyManifest(ObjectKind.Manifest m) {
    return ensureManifestAlone(m.repository(), m.digest()).isPresent()
        ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
  }

  private Outcome applyTag(ObjectKind.TagRecordKey t, ObjectInfo info) {
    TagRecord record = ChangeObjects.tagRecord(objects(), t.key())
        .orElseThrow(() -> new StorageException("tag record vanished: " + t.key()));
    Optional<TagRecord> held = index().getTag(t.repository(), record.tag());
    if (held.isPresent() && !record.version().isNewerThan(held.get().version())) {
      return Outcome.ALREADY_APPLIED; // a duplicate, or superseded by a newer version
    }
    ManifestRecord manifest = null;
    if (!record.isDeleted() && !tombstoned(t.repository(), record.digest())) {
      manifest = index().getManifest(t.repository(), record.digest()).orElse(null);
      if (manifest == null) {
        manifest = ensureManifestAlone(t.repository(), record.digest()).orElse(null);
      }
    }
    if (!index().putTag(t.repository(), record)) {
      return Outcome.ALREADY_APPLIED; // a newer version raced in
    }
    listener.tagChanged(t.repository(), record.tag(), record.version());
    Digest digest = record.isDeleted()
        ? held.map(TagRecord::digest).orElse(null) : record.digest();
    events.append(record.isDeleted() ? EventAction.DELETE : EventAction.PUSH, t.key(),
        new RegionalEvents.Target(t.repository(), record.tag(), digest,
            manifest == null ? null : manifest.mediaType(), manifest == null ? -1 : manifest.size()),
        record.version().originSeed(), record.version(), ChangeObjects.request(info));
    return Outcome.APPLIED;
  }

  private Outcome applyTombstone(ObjectKind.ManifestTombstone t, ObjectInfo info) {
    Optional<ManifestRecord> held = index().getManifest(t.repository(), t.digest());
    if (held.isEmpty()) {
      return Outcome.ALREADY_APPLIED;
    }
    index().deleteManifest(t.repository(), t.digest());
    if (held.get().subject() != null) {
      index().deleteReferrer(t.repository(), held.get().subject(), t.digest());
    }
    listener.manifestDeleted(t.repository(), t.digest());
    events.append(EventAction.DELETE, t.key(), target(t.repository(), null, held.get()),
        t.version().originSeed(), t.version(), ChangeObjects.request(info));
    return Outcome.APPLIED;
  }

  /**
   * {@link #ensureManifest}, while no other worker of this region applies the same manifest: a
   * manifest and its tag record arrive together, and the second finds the first's work done.
   */
  private Optional<ManifestRecord> ensureManifestAlone(RepositoryName repository, Digest digest) {
    return manifestLocks.with(StorageLayout.manifest(repository, digest),
        () -> ensureManifest(repository, digest));
  }

  /**
   * Indexes a manifest held in the bucket, its blobs and children first, and appends its {@code
   * push} event (id from the manifest key, so the event is the same whether the manifest came in
   * by its own notification or as a tag's dependency). Returns the record when this call added
   * it; empty when it was indexed already or is tombstoned. A dependency missing from the bucket
   * fails the apply: fan-out copies dependencies first, so it will come.
   */
  private Optional<ManifestRecord> ensureManifest(RepositoryName repository, Digest digest) {
    if (index().getManifest(repository, digest).isPresent() || tombstoned(repository, digest)) {
      return Optional.empty();
    }
    String key = StorageLayout.manifest(repository, digest);
    ChangeObjects.ManifestObject m = ChangeObjects.manifest(objects(), key)
        .orElseThrow(() -> new StorageException("manifest not yet in bucket: " + key));
    ensureBlobs(repository, m.parsed().requiredBlobs());
    for (Digest child : m.parsed().manifests()) {
      ensureManifest(repository, child);
      if (index().getManifest(repository, child).isEmpty()) {
        throw new StorageException("child manifest " + child + " of " + key + " not indexed");
      }
    }
    ManifestRecord record = new ManifestRecord(digest, m.parsed().mediaType(), m.info().size(),
        m.parsed().artifactType(),
        m.parsed().subject() == null ? null : m.parsed().subject().digest(),
        m.parsed().annotations(), m.parsed().requiredBlobs(), m.parsed().manifests(),
        clock.instant());
    index().putManifest(repository, record);
    if (record.subject() != null) {
      index().putReferrer(repository, record.subject(), new Descriptor(record.mediaType(),
          digest, record.size(), record.artifactType(), record.annotations()));
    }
    if (!m.info().metadata().containsKey(StorageLayout.PUSHED_TAG_METADATA)) {
      // A push by tag is announced by its tag record's arrival; one event per push, as at origin.
      events.append(EventAction.PUSH, key, target(repository, null, record),
          ChangeObjects.originSeed(new ObjectKind.Manifest(key, repository, digest), m.info()),
          null, ChangeObjects.request(m.info()));
    }
    return Optional.of(record);
  }

  /**
   * Indexes and links the blobs a manifest requires: what the repository links already is read
   * in one batch, the region's records of the rest in another, a blob the index does not know
   * yet is looked up in the bucket (it must be there: fan-out copies dependencies first), and the
   * missing links are written in one batch. Blob by blob this was up to five table calls each.
   */
  private void ensureBlobs(RepositoryName repository, List<Digest> blobs) {
    if (blobs.isEmpty()) {
      return;
    }
    Map<Digest, Long> linked = index().linkedBlobSizes(repository, blobs);
    List<Digest> unlinked = blobs.stream().distinct().filter(d -> !linked.containsKey(d)).toList();
    if (unlinked.isEmpty()) {
      return;
    }
    Map<Digest, BlobRecord> held = index().getBlobs(unlinked);
    Map<Digest, Long> links = new LinkedHashMap<>();
    for (Digest blob : unlinked) {
      BlobRecord record = held.get(blob);
      if (record == null) {
        ObjectInfo stored = objects().head(StorageLayout.blob(blob))
            .orElseThrow(() -> new StorageException("blob not yet in bucket: " + blob));
        record = new BlobRecord(blob, stored.size(), clock.instant());
        index().putBlob(record);
      }
      links.put(blob, record.size());
    }
    index().linkBlobs(repository, links);
  }

  private boolean tombstoned(RepositoryName repository, Digest digest) {
    return !objects().list(StorageLayout.manifestTombstonePrefix(repository, digest), null, 1)
        .isEmpty();
  }

  private static RegionalEvents.Target target(RepositoryName repository, String tag,
      ManifestRecord m) {
    return new RegionalEvents.Target(repository, tag, m.digest(), m.mediaType(), m.size());
  }

  private ObjectStore objects() {
    return self.objects();
  }

  private MetadataIndex index() {
    return self.index();
  }
}
