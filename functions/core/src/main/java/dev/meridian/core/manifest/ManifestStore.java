package dev.meridian.core.manifest;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.ManifestState;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.version.HybridLogicalClock;
import dev.meridian.core.version.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Manifests by digest: store (after checking the image is complete), read (through an in-process
 * cache — content by digest is immutable, docs/architecture.md), delete.
 *
 * <p>Membership is the index's {@code manifest#} item, not the object: a deleted manifest's bytes
 * stay in the bucket (objects are immutable and replicate; garbage collection removes them later),
 * so a read checks the index before the bucket. What replicates membership are versioned records:
 * a put record per push and a tombstone per delete; the newest decides ({@link ManifestState},
 * docs/replication.md "Delete and re-push").
 */
final class ManifestStore {
  record Key(RepositoryName repository, Digest digest) {}

  /** A delete by digest: the record that left the index and the tombstone's version. */
  record Deleted(ManifestRecord record, Version version) {}

  private static final int MAX_ATTEMPTS = 5;

  private final ObjectStore objects;
  private final MetadataIndex index;
  private final Clock clock;
  private final HybridLogicalClock versions;
  private final Seed regionSeed;
  private final InvalidatingCache<Key, StoredManifest> cache;
  private final BlobSource peers;

  ManifestStore(ObjectStore objects, MetadataIndex index, Clock clock,
      HybridLogicalClock versions, Seed regionSeed, long cacheBytes, BlobSource peers) {
    this.peers = peers;
    this.objects = objects;
    this.index = index;
    this.clock = clock;
    this.versions = versions;
    this.regionSeed = regionSeed;
    this.cache = new InvalidatingCache<>(cacheBytes, m -> m.bytes().length + 256L);
  }

  /**
   * Stores a parsed manifest whose digest was computed over {@code bytes}. Every blob must be
   * linked in the repository and every child manifest present (distribution-spec "Pushing
   * Manifests": MANIFEST_BLOB_UNKNOWN); the subject need not exist ("Pushing Manifests with
   * Subject"). A blob linked in the same repository in a peer region is obtained from there
   * first ({@link BlobSource}): the image is complete in the replica set, and the spec's rule
   * protects against references to content the registry does not hold, which this is not.
   */
  ManifestRecord put(RepositoryName repository, Digest digest, byte[] bytes, ParsedManifest m,
      EventRequest request, String pushedTag) {
    // Claimed before anything is written (docs/lifecycle.md): a GC run that condemned one of
    // them can no longer delete it; one it is deleting already is unknown here, as after.
    for (Digest blob : m.requiredBlobs()) {
      if (!index.claimBlob(blob, clock.instant())) {
        throw unknownReference("blob", blob);
      }
    }
    // One batch read for all the blobs (a GetItem each was most of a manifest PUT's latency).
    Map<Digest, Long> linked = index.linkedBlobSizes(repository, m.requiredBlobs());
    for (Digest blob : m.requiredBlobs()) {
      if (!linked.containsKey(blob) && !peers.obtain(repository, blob)) {
        throw unknownReference("blob", blob);
      }
    }
    for (Digest child : m.manifests()) {
      if (index.getManifest(repository, child).isEmpty()) {
        throw unknownReference("manifest", child);
      }
    }
    long stamp = cache.stamp();
    boolean indexed = index.getManifest(repository, digest).isPresent();
    // Content-addressed: an object already at the key holds these very bytes, and is not
    // rewritten (a rewrite would fire another ObjectCreated event for replication). Its metadata
    // names this region as the origin, so replicate fans it out from here (docs/architecture.md).
    Map<String, String> metadata = changeMetadata(regionSeed, request);
    if (pushedTag != null) {
      metadata.put(StorageLayout.PUSHED_TAG_METADATA, pushedTag);
    }
    objects.putIfAbsent(StorageLayout.manifest(repository, digest), bytes, m.mediaType(),
        metadata);
    if (!indexed) {
      // Not in the repository here: perhaps deleted. A push after a delete this region knows of
      // must win, so the put's version is issued past its newest tombstone; the
      // pushing process may never have observed it (applied by replication, or from a region
      // whose clock runs ahead). One listing, only for a manifest the index does not hold.
      ObjectKind.ManifestTombstone newest =
          ManifestState.newestDelete(objects, repository, digest);
      if (newest != null) {
        versions.observe(newest.version());
      }
    }
    writeRecord(repository, digest, null, metadata);
    ManifestRecord record = new ManifestRecord(digest, m.mediaType(), bytes.length,
        m.artifactType(), m.subject() == null ? null : m.subject().digest(), m.annotations(),
        m.requiredBlobs(), m.manifests(), clock.instant());
    index.putManifest(repository, record);
    if (!indexed) {
      // GC deletes the object of a manifest no region holds, then re-checks the index; looking
      // after indexing here means one of the two puts the bytes back (GarbageCollector).
      String key = StorageLayout.manifest(repository, digest);
      if (objects.head(key).isEmpty()) {
        objects.putIfAbsent(key, bytes, m.mediaType(), metadata);
      }
    }
    if (m.subject() != null) {
      index.putReferrer(repository, m.subject().digest(), referrerDescriptor(record));
    }
    cache.putIfFresh(new Key(repository, digest),
        new StoredManifest(digest, m.mediaType(), bytes), stamp);
    return record;
  }

  Optional<StoredManifest> get(RepositoryName repository, Digest digest) {
    Key key = new Key(repository, digest);
    StoredManifest hit = cache.get(key);
    if (hit != null) {
      return Optional.of(hit);
    }
    long stamp = cache.stamp();
    Optional<ManifestRecord> record = index.getManifest(repository, digest);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    Optional<ObjectContent> content = objects.get(StorageLayout.manifest(repository, digest));
    if (content.isEmpty()) {
      // Indexed but not (yet) in this bucket: treat as unknown rather than fail the pull.
      return Optional.empty();
    }
    StoredManifest manifest =
        new StoredManifest(digest, record.get().mediaType(), readAll(content.get()));
    cache.putIfFresh(key, manifest, stamp);
    return Optional.of(manifest);
  }

  /**
   * The manifest's bytes as the bucket holds them, whether or not it is in the repository now (a
   * deleted manifest's object stays until garbage collection): what a soft-delete restore reads.
   */
  Optional<StoredManifest> stored(RepositoryName repository, Digest digest) {
    Optional<ObjectContent> content = objects.get(StorageLayout.manifest(repository, digest));
    return content.map(c -> new StoredManifest(digest, c.info().contentType(), readAll(c)));
  }

  /**
   * Removes the manifest from the repository's index and its referrer entry; empty if unknown.
   * A tombstone object is written first: it is what replicates the delete (the manifest object
   * itself is immutable and stays). Its version is issued past the digest's newest put record,
   * so the delete wins over every push this region knows of.
   */
  Optional<Deleted> delete(RepositoryName repository, Digest digest, EventRequest request) {
    Optional<ManifestRecord> record = index.getManifest(repository, digest);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    ObjectKind.ManifestPut newest = ManifestState.newestPut(objects, repository, digest);
    if (newest != null) {
      versions.observe(newest.version()); // the delete wins over every push this region knows
    }
    Version version = writeRecord(repository, digest, record.get(),
        changeMetadata(regionSeed, request));
    index.deleteManifest(repository, digest);
    if (record.get().subject() != null) {
      index.deleteReferrer(repository, record.get().subject(), digest);
    }
    evict(repository, digest);
    return Optional.of(new Deleted(record.get(), version));
  }

  /**
   * Writes a put record ({@code deleted} null) or a tombstone at a fresh version; returns the
   * version. Another instance of this region may issue the same version: then take a higher one.
   */
  private Version writeRecord(RepositoryName repository, Digest digest, ManifestRecord deleted,
      Map<String, String> metadata) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Version version = versions.next();
      String key = deleted == null ? StorageLayout.manifestPut(repository, digest, version)
          : StorageLayout.manifestTombstone(repository, digest, version);
      byte[] body = ("{\"repository\":\"" + repository.value() + "\",\"digest\":\"" + digest
          + "\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
      if (objects.putIfAbsent(key, body, "application/json", metadata)) {
        return version;
      }
    }
    throw new StorageException("no free version for a record of " + repository + "@" + digest);
  }


  void evict(RepositoryName repository, Digest digest) {
    cache.invalidate(new Key(repository, digest));
  }

  /** User metadata of a change object written here: origin seed and the request, if known. */
  static Map<String, String> changeMetadata(Seed originSeed, EventRequest request) {
    Map<String, String> metadata = new HashMap<>();
    if (request != null) {
      metadata.putAll(request.toMetadata());
    }
    metadata.put(StorageLayout.ORIGIN_METADATA, originSeed.value());
    return metadata;
  }

  static Descriptor referrerDescriptor(ManifestRecord record) {
    return new Descriptor(record.mediaType(), record.digest(), record.size(),
        record.artifactType(), record.annotations());
  }

  private static RegistryException unknownReference(String kind, Digest digest) {
    return new RegistryException(ErrorKind.MANIFEST_BLOB_UNKNOWN,
        "manifest references a " + kind + " unknown to this repository: " + digest,
        Map.of("digest", digest.toString()), Map.of());
  }

  private static byte[] readAll(ObjectContent content) {
    try (content) {
      return content.stream().readAllBytes();
    } catch (IOException e) {
      throw new StorageException("reading manifest " + content.info().key() + " failed", e);
    }
  }
}
