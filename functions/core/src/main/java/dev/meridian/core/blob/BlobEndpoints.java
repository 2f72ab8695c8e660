package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.lifecycle.quota.QuotaGate;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.route.BlobRoutes;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.DirectUpload;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.UploadSession;
import dev.meridian.core.storage.UploadSessionStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The blob and upload endpoints of the distribution-spec v1.1: translates HTTP to {@link
 * BlobReader}, {@link BlobMounter} and {@link UploadService} and their results back to the
 * spec's statuses and headers. Errors are thrown as {@link RegistryException}; the router renders
 * them.
 */
public final class BlobEndpoints implements BlobRoutes {

  private final BlobReader reader;
  private final BlobMounter mounter;
  private final UploadService uploads;
  private final UploadSessions sessions;
  private final SessionLocations locations;
  private final QuotaGate quotas;

  public BlobEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      UploadSessionStore uploadStore, Clock clock) {
    this(settings, objects, index, uploadStore, clock, QuotaGate.NONE);
  }

  /** As above, with storage quotas checked where a push's size is known (docs/lifecycle.md). */
  public BlobEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      UploadSessionStore uploadStore, Clock clock, QuotaGate quotas) {
    this.quotas = quotas;
    this.locations = SessionLocations.of(settings);
    this.sessions = new UploadSessions(uploadStore, clock, settings.uploadTtl(), locations);
    this.reader = new BlobReader(settings, objects, index);
    this.mounter = new BlobMounter(index, clock, quotas);
    UploadFinisher finisher = new UploadFinisher(objects, index, sessions, clock, quotas);
    this.uploads = new UploadService(objects, sessions,
        new ChunkWriter(objects, settings.partSize()), finisher,
        new DirectUploads(objects, sessions, finisher, clock, settings.verifyBudget(),
            settings.uploadTtl(), settings.partSize()));
  }

  /** Opt-in request header of a direct upload (docs/uploads.md "Direct uploads"). */
  static final String MODE_HEADER = "Meridian-Upload-Mode";
  /** The direct upload's declared total length. */
  static final String LENGTH_HEADER = "Meridian-Upload-Length";
  /** Where a direct upload is: uploading, verifying (failed ones answer with their error). */
  static final String STATUS_HEADER = "Meridian-Upload-Status";

  @Override
  public HttpResponse getBlob(HttpRequest request, RepositoryName name, Digest digest,
      boolean head) {
    return reader.read(name, digest, request.header("Range"), head);
  }

  @Override
  public HttpResponse deleteBlob(HttpRequest request, RepositoryName name, Digest digest) {
    reader.unlink(name, digest);
    return HttpResponse.of(202);
  }

  /**
   * POST (end-4a, end-4b, end-11). A mount that cannot be done falls back to the other forms. A
   * body without {@code ?digest=} is refused: the spec defines none, and dropping bytes the client
   * believes sent would only fail later with a confusing digest error.
   */
  @Override
  public HttpResponse startUpload(HttpRequest request, RepositoryName name) {
    String mount = request.query("mount");
    if (mount != null) {
      Optional<Digest> mounted = mounter.mount(name, mount, request.query("from"));
      if (mounted.isPresent()) {
        return created(name, mounted.get());
      }
    }
    String digest = request.query("digest");
    if (digest != null) {
      quotas.admit(name, parsedOrNull(digest), request.contentLength()); // before any byte
      return created(name,
          uploads.monolithic(name, digest, request.body(), request.contentLength()));
    }
    if (hasBody(request)) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID,
          "a POST with a body needs ?digest=; to upload in chunks POST with Content-Length: 0");
    }
    if ("direct".equalsIgnoreCase(request.header(MODE_HEADER))) {
      admitDeclared(name, request.header(LENGTH_HEADER));
      Optional<PartUrls> direct = uploads.startDirect(name, request.header(LENGTH_HEADER));
      if (direct.isPresent()) {
        return partUrls(202, direct.get());
      }
    }
    UploadSession session = uploads.start(name);
    // S3's minimum part size: smaller chunks are still accepted (buffered as the tail), but
    // chunks of at least this size go straight to S3 as parts.
    return progress(202, session).header("OCI-Chunk-Min-Length",
        Long.toString(ObjectStore.MIN_PART_SIZE));
  }

  // Session requests first check the Location's signed region: another region's session is
  // redirected there, a bad signature refused (SessionLocations).

  /** PATCH: a chunk; or, with {@code ?parts=a-b} and no body, a direct upload's part URLs. */
  @Override
  public HttpResponse patchUpload(HttpRequest request, RepositoryName name, String sessionId) {
    return locations.elsewhere(request, name, sessionId).orElseGet(() -> {
      String parts = request.query("parts");
      if (parts != null) {
        return partUrls(200, uploads.partUrls(name, sessionId, parts));
      }
      return progress(202, uploads.append(name, sessionId, chunk(request)));
    });
  }

  @Override
  public HttpResponse completeUpload(HttpRequest request, RepositoryName name, String sessionId) {
    List<String> digests = request.queryParameters().get("digest");
    if (request.contentLength() > 0 && digests != null && !digests.isEmpty()) {
      // A monolithic PUT declares the whole blob; a last chunk is checked at completion.
      quotas.admit(name, parsedOrNull(digests.get(0)), request.contentLength());
    }
    return locations.elsewhere(request, name, sessionId).orElseGet(() ->
        completion(name, uploads.finish(name, sessionId, digests, chunk(request))));
  }

  /**
   * GET: the session's progress (204). For a direct upload also its phase: 204 while uploading,
   * 202 with the verified byte count while verifying, its error once failed. Read-only: on AWS a
   * GET reaches the pull function; verification advances through the repeated completing PUT.
   */
  @Override
  public HttpResponse uploadStatus(HttpRequest request, RepositoryName name, String sessionId) {
    return locations.elsewhere(request, name, sessionId).orElseGet(() -> {
      UploadSession session = uploads.status(name, sessionId);
      return session.direct() == null ? progress(204, session)
          : completion(name, uploads.directStatus(session));
    });
  }

  @Override
  public HttpResponse cancelUpload(HttpRequest request, RepositoryName name, String sessionId) {
    return locations.elsewhere(request, name, sessionId).orElseGet(() -> {
      uploads.cancel(name, sessionId);
      return HttpResponse.of(204);
    });
  }

  /** The declared length of a direct upload against the quota; a bad one fails later, as now. */
  private void admitDeclared(RepositoryName name, String declaredLength) {
    try {
      quotas.admit(name, null, Long.parseLong(declaredLength == null ? "-1" : declaredLength));
    } catch (NumberFormatException e) {
      // DirectUploads answers a missing or malformed length in its own words
    }
  }

  private static Digest parsedOrNull(String digest) {
    try {
      return Digest.parse(digest);
    } catch (RuntimeException e) {
      return null; // the upload answers DIGEST_INVALID itself
    }
  }

  private static UploadService.Chunk chunk(HttpRequest request) {
    return new UploadService.Chunk(request.body(), request.contentLength(),
        request.header("Content-Range"));
  }

  private static HttpResponse created(RepositoryName name, Digest digest) {
    return new HttpResponse(201, new HttpHeaders()
        .set("Location", UploadLocation.blob(name, digest))
        .set("Docker-Content-Digest", digest.toString()), ResponseBody.empty());
  }

  private HttpResponse completion(RepositoryName name, Completion done) {
    if (done.created() != null) {
      return created(name, done.created());
    }
    UploadSession session = done.session();
    boolean uploading = session.direct().phase() == DirectUpload.Phase.UPLOADING;
    HttpResponse response = progress(uploading ? 204 : 202, session)
        .header(MODE_HEADER, "direct")
        .header(STATUS_HEADER, session.direct().phase().name().toLowerCase(Locale.ROOT));
    if (uploading) {
      return response;
    }
    byte[] body = DirectUploadJson.status(session);
    return new HttpResponse(202, response.headers()
        .set("Retry-After", "1")
        .set("Content-Type", DirectUploadJson.CONTENT_TYPE)
        .set("Content-Length", Integer.toString(body.length)), ResponseBody.of(body));
  }

  private HttpResponse partUrls(int status, PartUrls urls) {
    byte[] body = DirectUploadJson.partUrls(urls);
    HttpResponse response = progress(status, urls.session());
    return new HttpResponse(status, response.headers()
        .set(MODE_HEADER, "direct")
        .set(STATUS_HEADER, "uploading")
        .set("Content-Type", DirectUploadJson.CONTENT_TYPE)
        .set("Content-Length", Integer.toString(body.length)), ResponseBody.of(body));
  }

  private HttpResponse progress(int status, UploadSession session) {
    HttpHeaders headers = new HttpHeaders()
        .set("Location", sessions.location(session))
        .set("Docker-Upload-UUID", session.id());
    String range = UploadLocation.progress(session.size());
    if (range != null) {
      headers.set("Range", range);
    }
    return new HttpResponse(status, headers, ResponseBody.empty());
  }

  /** Whether the request carries bytes; for an unknown length, reads one byte to see. */
  private static boolean hasBody(HttpRequest request) {
    if (request.contentLength() >= 0) {
      return request.contentLength() > 0;
    }
    try {
      InputStream body = request.body();
      return body.read() >= 0;
    } catch (IOException e) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, "unreadable body");
    }
  }
}
