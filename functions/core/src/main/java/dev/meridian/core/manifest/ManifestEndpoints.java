package dev.meridian.core.manifest;

import dev.meridian.core.api.ManifestRoutes;
import dev.meridian.core.api.RegistrySettings;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.events.RegionalEvents;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Reference;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.storage.Concurrently;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.HybridLogicalClock;
import dev.meridian.core.version.Version;
import dev.meridian.core.storage.PendingTag;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Manifest, tag, referrer and catalog endpoints (end-3, end-7, end-8a/b, end-9, end-12a/b,
 * {@code _catalog}): parse the request, call a service, shape the response. Rules live in {@link
 * ManifestParser}, {@link ManifestService}, {@link TagService}, {@link ReferrersService} and
 * {@link Listings}.
 *
 * <p>References: a malformed digest is 400 {@code DIGEST_INVALID}; a malformed tag is 400 {@code
 * MANIFEST_INVALID} on PUT (the manifest cannot be stored under it) and 404 {@code
 * MANIFEST_UNKNOWN} on GET, HEAD and DELETE (no manifest can exist under it).
 */
public final class ManifestEndpoints implements ManifestRoutes {

  private final RegistrySettings settings;
  private final ManifestParser parser = new ManifestParser();
  private final ManifestService manifests;
  private final TagService tags;
  private final ReferrersService referrers;
  private final Listings listings;
  private final RegionalEvents events; // null: no event log (API tests)
  private final ReplicaReads replicas;
  private final MetadataIndex index;
  private volatile ManifestGuard guard = ManifestGuard.NONE;

  /** Without an event log: local pushes and deletes record no events (API tests only). */
  public ManifestEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      Clock clock) {
    this(settings, objects, index, clock, null);
  }

  /**
   * Local pushes and deletes append {@code push}/{@code delete} events to {@code eventLog} after
   * the index write (DESIGN.md replication protocol step 1).
   */
  public ManifestEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      Clock clock, EventLog eventLog) {
    this(settings, objects, index, clock, eventLog, BlobSource.NONE);
  }

  /**
   * As above, and a manifest PUT whose blobs are linked in a peer region but not here obtains
   * them from {@code peers} instead of failing with {@code MANIFEST_BLOB_UNKNOWN} (write-anywhere,
   * docs/replication.md). {@code eventLog} may be null (no events).
   */
  public ManifestEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      Clock clock, EventLog eventLog, BlobSource peers) {
    this(settings, objects, index, clock, eventLog, peers, ReplicaReads.NONE);
  }

  /**
   * As above, and a pull of a manifest that is not here asks {@code replicas} whether another
   * region holds it: the miss then explains itself or, with {@code onMiss: fetch}, is served from
   * there (issue 24, docs/replication.md "What a pull sees while replicating").
   */
  public ManifestEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      Clock clock, EventLog eventLog, BlobSource peers, ReplicaReads replicas) {
    this.settings = settings;
    this.replicas = replicas;
    this.index = index;
    // One clock for tag records, manifest put records and tombstones: versions of one region
    // never repeat, and every change made here after seeing a version is newer than it.
    HybridLogicalClock versions = new HybridLogicalClock(clock, settings.regionSeed());
    this.manifests = new ManifestService(objects, index, clock, versions, settings.regionSeed(),
        settings.manifestCacheBytes(), peers);
    this.tags = new TagService(index, objects, versions, settings.regionSeed(),
        settings.tagCache());
    this.referrers = new ReferrersService(index);
    this.listings = new Listings(index);
    this.events = eventLog == null ? null
        : new RegionalEvents(settings.regionName(), eventLog, clock);
  }

  /**
   * Puts {@code guard} (locks and immutable tags, docs/retention-and-locks.md) in front of every
   * push, delete, read and tag listing here, and of replication's tag arrivals through {@link
   * #admitsArrivingTag}. Returns this.
   */
  public ManifestEndpoints guardedBy(ManifestGuard guard) {
    this.guard = guard;
    return this;
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
    java.util.function.Supplier<Optional<TagRecord>> current = () -> {
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
    if (java.util.Objects.equals(current, digest) && held.isPresent()) {
      return;
    }
    EventRequest origin = new EventRequest(java.util.UUID.randomUUID().toString(), null, "PUT",
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
   * written here afterwards wins over it even before the index is read (DESIGN.md: version).
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

  @Override
  public HttpResponse getManifest(HttpRequest request, RepositoryName name, String reference,
      boolean head) {
    Reference ref = readReference(reference);
    Digest digest;
    PendingTag pending = null;
    if (ref.isDigest()) {
      digest = ref.digest();
    } else {
      Optional<TagService.Resolved> resolved = tags.resolveLive(name, ref.tag());
      if (resolved.isEmpty()) {
        return missed(request, name, ref, reference, head);
      }
      digest = resolved.get().digest();
      pending = resolved.get().pending();
    }
    guard.checkRead(name, ref.isDigest() ? null : ref.tag().value(), digest);
    Optional<StoredManifest> found = manifests.get(name, digest);
    if (found.isEmpty()) {
      return missed(request, name, ref, reference, head);
    }
    HttpResponse response = serve(request, found.get(), head);
    if (pending != null) {
      response.headers().set(ReplicationHeaders.REPLICATION,
          ReplicationHeaders.pending(pending, replicas.regionName(pending.fromSeed())));
    }
    return response;
  }

  /**
   * Not in this region: a plain miss, unless another region holds it — then, by the
   * repository's {@code onMiss}, a miss that says where and when to retry, or the manifest read
   * through from there.
   */
  private HttpResponse missed(HttpRequest request, RepositoryName name, Reference ref,
      String reference, boolean head) {
    ReplicaMiss miss = replicas.explain(name, ref).orElseThrow(() -> unknown(name, reference));
    guard.checkRead(name, ref.isDigest() ? null : ref.tag().value(), miss.digest());
    if (replicas.onMiss(name) == OnMiss.FETCH) {
      Optional<byte[]> bytes = replicas.fetchManifest(name, miss);
      if (bytes.isPresent()
          && ManifestDigests.compute(miss.digest().algorithm(), bytes.get()).equals(miss.digest())) {
        HttpResponse response = serve(request,
            new StoredManifest(miss.digest(), miss.mediaType(), bytes.get()), head);
        response.headers().set(ReplicationHeaders.SERVED_FROM,
            replicas.regionName(miss.source()));
        return response;
      }
    }
    throw new RegistryException(OciErrorCode.MANIFEST_UNKNOWN, 404,
        "manifest unknown in this region: " + name + ":" + reference + " is in "
            + String.join(", ", miss.presentIn()) + " and " + miss.state().wireName() + " here",
        miss.detail(), Map.of("Retry-After", Integer.toString(miss.retryAfterSeconds())));
  }

  private static HttpResponse serve(HttpRequest request, StoredManifest m, boolean head) {
    if (!AcceptNegotiation.accepts(request.headers().all("Accept"), m.mediaType())) {
      throw new RegistryException(OciErrorCode.MANIFEST_UNKNOWN,
          "manifest is " + m.mediaType() + ", which the Accept header does not allow");
    }
    HttpHeaders headers = new HttpHeaders()
        .set("Content-Type", m.mediaType())
        .set("Docker-Content-Digest", m.digest().toString())
        .set("ETag", "\"" + m.digest() + "\"");
    if (head) {
      headers.set("Content-Length", Integer.toString(m.bytes().length));
      return new HttpResponse(200, headers, ResponseBody.empty());
    }
    return new HttpResponse(200, headers, ResponseBody.of(m.bytes()));
  }

  @Override
  public HttpResponse putManifest(HttpRequest request, RepositoryName name, String reference) {
    Reference ref = Reference.parse(reference); // bad tag: MANIFEST_INVALID, bad digest: DIGEST_INVALID
    byte[] bytes = ManifestBody.read(request.body(), request.contentLength(),
        settings.maxManifestBytes());
    ParsedManifest parsed = parser.parse(bytes, request.header("Content-Type"));
    Digest digest = ManifestDigests.compute(
        ref.isDigest() ? ref.digest().algorithm() : Digest.SHA256, bytes);
    if (ref.isDigest() && !ref.digest().equals(digest)) {
      throw new RegistryException(OciErrorCode.DIGEST_INVALID,
          "manifest digest is " + digest + ", not " + ref.digest());
    }
    EventRequest origin = EventRequest.from(request);
    // The tag's current record is read while the manifest is stored: the two do not depend on
    // each other, and one after the other they were two round trips of a push's last request.
    AtomicReference<ManifestRecord> put = new AtomicReference<>();
    AtomicReference<Optional<TagRecord>> held = new AtomicReference<>(Optional.empty());
    if (guard != ManifestGuard.NONE) {
      // Checked before anything is stored: a refused push leaves no untagged manifest behind.
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
    RegionalEvents.Target target = new RegionalEvents.Target(name, null, digest,
        stored.mediaType(), stored.size());
    if (ref.isDigest()) {
      // A repeated push of the same bytes is a new event (ACR), hence the request id.
      record(EventAction.PUSH, StorageLayout.manifest(name, digest) + "@" + origin.id(), target,
          null, origin);
    } else {
      TagRecord tag = tags.point(name, ref.tag(), digest, origin, held.get());
      record(EventAction.PUSH, StorageLayout.tagRecord(name, tag.tag(), tag.version()),
          new RegionalEvents.Target(name, tag.tag(), digest, stored.mediaType(), stored.size()),
          tag.version(), origin);
    }
    HttpResponse response = HttpResponse.of(201)
        .header("Location", "/v2/" + name.value() + "/manifests/" + digest)
        .header("Docker-Content-Digest", digest.toString());
    if (parsed.subject() != null) {
      // Tells the client the registry indexed the subject (distribution-spec "Pushing Manifests
      // with Subject"), so it need not maintain the referrers tag schema itself.
      response.header("OCI-Subject", parsed.subject().digest().toString());
    }
    return response;
  }

  /**
   * By tag: a tombstone; by digest: the manifest leaves the repository, every tag pointing at it
   * is tombstoned and its referrer entry removed. The bytes object stays (immutable; GC later).
   */
  @Override
  public HttpResponse deleteManifest(HttpRequest request, RepositoryName name, String reference) {
    Reference ref = readReference(reference);
    delete(name, ref, EventRequest.from(request));
    return HttpResponse.of(202);
  }

  /**
   * Deletes a tag or (by digest) a manifest as a client's DELETE does, guard included; {@code
   * origin} carries the reason of a delete Meridian decided itself ({@code retention}).
   */
  public void delete(RepositoryName name, Reference ref, EventRequest origin) {
    String reference = ref.toString();
    if (ref.isDigest()) {
      guard.checkManifestDelete(name, ref.digest(), index.tagsPointingTo(name, ref.digest()));
      ManifestService.Deleted deleted = manifests.delete(name, ref.digest(), origin)
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
    RegionalEvents.Target target = new RegionalEvents.Target(name, null, digest,
        record.mediaType(), record.size());
    if (tag == null) {
      record(EventAction.PUSH, StorageLayout.manifest(name, digest) + "@" + origin.id(), target,
          null, origin);
    } else {
      TagRecord t = tags.point(name, tag, digest, origin, held);
      record(EventAction.PUSH, StorageLayout.tagRecord(name, t.tag(), t.version()),
          new RegionalEvents.Target(name, t.tag(), digest, record.mediaType(), record.size()),
          t.version(), origin);
    }
    return Optional.of(record);
  }

  @Override
  public HttpResponse listTags(HttpRequest request, RepositoryName name) {
    guard.checkList(name);
    return listings.tags(request, name);
  }

  @Override
  public HttpResponse listReferrers(HttpRequest request, RepositoryName name, String digest) {
    return referrers.list(name, Digest.parse(digest), request.query("artifactType"));
  }

  @Override
  public HttpResponse catalog(HttpRequest request) {
    return listings.catalog(request);
  }

  private void record(EventAction action, String subject, RegionalEvents.Target target,
      Version version, EventRequest request) {
    if (events != null) {
      events.append(action, subject, target, settings.regionSeed(), version, request);
    }
  }

  /** A reference for reading or deleting: a malformed tag names nothing, so it is unknown. */
  private static Reference readReference(String reference) {
    if (!Digest.looksLikeDigest(reference) && !Tag.isValid(reference)) {
      throw new RegistryException(OciErrorCode.MANIFEST_UNKNOWN, "no manifest under invalid tag");
    }
    return Reference.parse(reference);
  }

  private static RegistryException unknown(RepositoryName name, String reference) {
    return new RegistryException(OciErrorCode.MANIFEST_UNKNOWN,
        "manifest unknown: " + name + ":" + reference);
  }
}
