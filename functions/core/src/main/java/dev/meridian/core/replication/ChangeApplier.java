package dev.meridian.core.replication;

import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.RegionalEvents;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.ManifestState;
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
 * Applies a change object held in a region's bucket to that region's index (docs/architecture.md,
 * protocol step 3), then appends the regional event. Dependencies are applied from the bucket first
 * — a manifest's blobs and children before the manifest, a tag's manifest before the tag — so the
 * index never names content it cannot serve, whatever order notifications arrive in. Every step
 * is idempotent; a tag applies only if its version is higher than the one held.
 *
 * <p>Whether a manifest is in the repository is decided by the bucket's versioned records, not by
 * which arrived last: the newest of its put records and tombstones wins ({@link ManifestState}).
 * Each of the three (manifest object, put record, tombstone) re-derives that state and makes the
 * index agree, so a push after a delete is never undone by the delete's late or repeated
 * arrival, nor by reconcile re-applying it (docs/replication.md "Delete and re-push").
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

  /** {@code tagRecord}: the change's body when it is a tag record already read, else null. */
  Outcome apply(ObjectKind.Change change, ObjectInfo info, Seed originSeed,
      TagRecord tagRecord) {
    return change.accept(new ObjectKind.Change.Cases<>() {
      @Override
      public Outcome manifest(ObjectKind.Manifest manifest) {
        return settleManifest(manifest, false);
      }

      @Override
      public Outcome tagRecord(ObjectKind.TagRecordKey t) {
        return applyTag(t, info, tagRecord);
      }

      @Override
      public Outcome manifestPut(ObjectKind.ManifestPut put) {
        return settleManifest(put, false);
      }

      @Override
      public Outcome manifestTombstone(ObjectKind.ManifestTombstone tombstone) {
        return settleManifest(tombstone, true);
      }
    });
  }

  private Outcome applyTag(ObjectKind.TagRecordKey t, ObjectInfo info, TagRecord known) {
    TagRecord record = known != null ? known : ChangeObjects.tagRecord(objects(), t.key())
        .orElseThrow(() -> new StorageException("tag record vanished: " + t.key()));
    if (!listener.admitsTag(t.repository(), record)) {
      return Outcome.ALREADY_APPLIED; // kept out by a lock or immutability (docs/retention-and-locks.md)
    }
    Optional<TagRecord> held = index().getTag(t.repository(), record.tag());
    if (held.isPresent() && !record.version().isNewerThan(held.get().version())) {
      return Outcome.ALREADY_APPLIED; // a duplicate, or superseded by a newer version
    }
    ManifestRecord manifest = null;
    if (!record.isDeleted()) {
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

  /**
   * Makes this index agree with the bucket about one manifest: indexed iff the newest of its put
   * records and tombstones is a put (or, for an object with no records, iff no tombstone). A
   * manifest leaving the index appends {@code delete} with the winning tombstone's key, so the
   * event is the same whichever record's arrival caused it. A tombstone can only take a manifest
   * out and a put record or object only bring it in, so the records are read only when the index
   * holds the opposite of what the arriving change asks for ({@code removes}: a tombstone).
   */
  private Outcome settleManifest(ObjectKind.ManifestChange change, boolean removes) {
    RepositoryName repository = change.repository();
    Digest digest = change.digest();
    return manifestLocks.with(StorageLayout.manifest(repository, digest), () -> {
      Optional<ManifestRecord> held = index().getManifest(repository, digest);
      if (held.isPresent() != removes) {
        return Outcome.ALREADY_APPLIED;
      }
      ManifestState state = ManifestState.read(objects(), repository, digest);
      if (state.live() == held.isPresent()) {
        return Outcome.ALREADY_APPLIED;
      }
      if (state.live()) {
        ensureManifest(repository, digest, state.newestPut());
        return Outcome.APPLIED;
      }
      remove(repository, held.get(), state.newestDelete());
      return Outcome.APPLIED;
    });
  }

  private void remove(RepositoryName repository, ManifestRecord held,
      ObjectKind.ManifestTombstone tombstone) {
    index().deleteManifest(repository, held.digest());
    if (held.subject() != null) {
      index().deleteReferrer(repository, held.subject(), held.digest());
    }
    listener.manifestDeleted(repository, held.digest());
    events.append(EventAction.DELETE, tombstone.key(), target(repository, null, held),
        tombstone.version().originSeed(), tombstone.version(),
        objects().head(tombstone.key()).map(ChangeObjects::request).orElse(null));
  }

  /**
   * Indexes a manifest a tag record points at, while no other worker of this region applies the
   * same manifest (a manifest and its tag record arrive together, and the second finds the
   * first's work done). Empty when it was indexed already or is not in the repository.
   */
  private Optional<ManifestRecord> ensureManifestAlone(RepositoryName repository, Digest digest) {
    return manifestLocks.with(StorageLayout.manifest(repository, digest), () -> {
      if (index().getManifest(repository, digest).isPresent()) {
        return Optional.empty();
      }
      ManifestState state = ManifestState.read(objects(), repository, digest);
      return state.live() ? Optional.of(ensureManifest(repository, digest, state.newestPut()))
          : Optional.empty();
    });
  }

  /**
   * Indexes a manifest held in the bucket and in the repository, its blobs and children first,
   * and appends its {@code push} event unless it was pushed by tag (whose tag record announces
   * it). The event's subject is the newest put record, or the manifest object when it has none,
   * so the same push is announced once whichever arrival indexes it. A dependency missing from
   * the bucket fails the apply: fan-out copies dependencies first, so it will come.
   */
  private ManifestRecord ensureManifest(RepositoryName repository, Digest digest,
      ObjectKind.ManifestPut newestPut) {
    String key = StorageLayout.manifest(repository, digest);
    ChangeObjects.ManifestObject m = ChangeObjects.manifest(objects(), key)
        .orElseThrow(() -> new StorageException("manifest not yet in bucket: " + key));
    ensureBlobs(repository, m.parsed().requiredBlobs());
    for (Digest child : m.parsed().manifests()) {
      if (index().getManifest(repository, child).isPresent()) {
        continue;
      }
      ManifestState state = ManifestState.read(objects(), repository, child);
      if (!state.live()) {
        throw new StorageException("child manifest " + child + " of " + key + " not indexed");
      }
      ensureManifest(repository, child, state.newestPut());
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
    announce(repository, record, newestPut == null ? key : newestPut.key(),
        newestPut == null ? Optional.of(m.info()) : objects().head(newestPut.key()));
    return record;
  }

  /** A {@code push} event for a manifest indexed by its object's or put record's arrival. */
  private void announce(RepositoryName repository, ManifestRecord record, String subject,
      Optional<ObjectInfo> info) {
    if (info.isEmpty() || info.get().metadata().containsKey(StorageLayout.PUSHED_TAG_METADATA)) {
      return; // a push by tag is announced by its tag record's arrival; one event per push
    }
    Seed origin = StorageLayout.origin(info.get().metadata());
    events.append(EventAction.PUSH, subject, target(repository, null, record), origin, null,
        ChangeObjects.request(info.get()));
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
    for (Digest blob : blobs) { // before indexing: this region's GC then keeps them
      if (!index().claimBlob(blob, clock.instant())) {
        throw new StorageException("blob " + blob + " is being garbage collected here");
      }
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
