package dev.meridian.core.manifest;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Reference;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.route.ManifestRoutes;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.PendingTag;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Manifest, tag, referrer and catalog endpoints (end-3, end-7, end-8a/b, end-9, end-12a/b,
 * {@code _catalog}): parse the request, call a service, shape the response. Rules live in {@link
 * ManifestParser}, {@link ManifestService} (below these endpoints and replication alike), {@link
 * ReferrersService} and {@link Listings}.
 *
 * <p>References: a malformed digest is 400 {@code DIGEST_INVALID}; a malformed tag is 400 {@code
 * MANIFEST_INVALID} on PUT (the manifest cannot be stored under it) and 404 {@code
 * MANIFEST_UNKNOWN} on GET, HEAD and DELETE (no manifest can exist under it).
 */
public final class ManifestEndpoints implements ManifestRoutes {

  private final RegistrySettings settings;
  private final ManifestParser parser = new ManifestParser();
  private final ManifestService service;
  private final ReferrersService referrers;
  private final Listings listings;
  private final ReplicaReads replicas;

  /** Without an event log: local pushes and deletes record no events (API tests only). */
  public ManifestEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      Clock clock) {
    this(settings, objects, index, clock, null);
  }

  /**
   * Local pushes and deletes append {@code push}/{@code delete} events to {@code eventLog} after
   * the index write (the first step of the replication protocol, docs/replication.md).
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
    this(settings, new ManifestService(settings, objects, index, clock, eventLog, peers), index,
        ReplicaReads.NONE);
  }

  /**
   * The endpoints of {@code service}; a pull of a manifest that is not here asks {@code
   * replicas} whether another region holds it: the miss then explains itself or, with {@code
   * onMiss: fetch}, is served from there (docs/replication.md "What a pull sees while
   * replicating").
   */
  public ManifestEndpoints(RegistrySettings settings, ManifestService service,
      MetadataIndex index, ReplicaReads replicas) {
    this.settings = settings;
    this.service = service;
    this.replicas = replicas;
    this.referrers = new ReferrersService(index);
    this.listings = new Listings(index);
  }

  /** The manifest service these endpoints serve (the one replication and the lifecycle call). */
  public ManifestService service() {
    return service;
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
      Optional<TagService.Resolved> resolved = service.resolveLive(name, ref.tag());
      if (resolved.isEmpty()) {
        return missed(request, name, ref, reference, head);
      }
      digest = resolved.get().digest();
      pending = resolved.get().pending();
    }
    service.guard().checkRead(name, ref.isDigest() ? null : ref.tag().value(), digest);
    Optional<StoredManifest> found = service.get(name, digest);
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
    service.guard().checkRead(name, ref.isDigest() ? null : ref.tag().value(), miss.digest());
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
    throw new RegistryException(ErrorKind.MANIFEST_UNKNOWN,
        "manifest unknown in this region: " + name + ":" + reference + " is in "
            + String.join(", ", miss.presentIn()) + " and " + miss.state().wireName() + " here",
        miss.detail(), Map.of("Retry-After", Integer.toString(miss.retryAfterSeconds())));
  }

  private static HttpResponse serve(HttpRequest request, StoredManifest m, boolean head) {
    if (!AcceptNegotiation.accepts(request.headers().all("Accept"), m.mediaType())) {
      throw new RegistryException(ErrorKind.MANIFEST_UNKNOWN,
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
      throw new RegistryException(ErrorKind.DIGEST_INVALID,
          "manifest digest is " + digest + ", not " + ref.digest());
    }
    service.push(name, ref, digest, bytes, parsed, EventRequest.from(request));
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
    service.delete(name, ref, EventRequest.from(request));
    return HttpResponse.of(202);
  }

  @Override
  public HttpResponse listTags(HttpRequest request, RepositoryName name) {
    service.guard().checkList(name);
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

  /** A reference for reading or deleting: a malformed tag names nothing, so it is unknown. */
  private static Reference readReference(String reference) {
    if (!Digest.looksLikeDigest(reference) && !Tag.isValid(reference)) {
      throw new RegistryException(ErrorKind.MANIFEST_UNKNOWN, "no manifest under invalid tag");
    }
    return Reference.parse(reference);
  }

  private static RegistryException unknown(RepositoryName name, String reference) {
    return ManifestService.unknown(name, reference);
  }
}
