package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.Concurrently;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Upload sessions over the ports, with no HTTP in sight: start, append a chunk (PATCH),
 * complete (PUT, and the one-request monolithic POST), cancel. Every request re-reads the session,
 * so any instance can serve any request; each change is a conditional update on the session's
 * revision, and a request that loses a race answers 416 with the winner's progress.
 */
public final class UploadService {

  private final ObjectStore objects;
  private final UploadSessions sessions;
  private final ChunkWriter writer;
  private final UploadFinisher finisher;
  private final DirectUploads direct; // null: direct uploads are not offered

  UploadService(ObjectStore objects, UploadSessions sessions, ChunkWriter writer,
      UploadFinisher finisher) {
    this(objects, sessions, writer, finisher, null);
  }

  UploadService(ObjectStore objects, UploadSessions sessions, ChunkWriter writer,
      UploadFinisher finisher, DirectUploads direct) {
    this.objects = objects;
    this.sessions = sessions;
    this.writer = writer;
    this.finisher = finisher;
    this.direct = direct;
  }

  /** A chunk's bytes: the body, its {@code Content-Length} (-1 unknown), its Content-Range. */
  public record Chunk(InputStream body, long contentLength, String contentRange) {}

  /** POST with {@code Meridian-Upload-Mode: direct}; empty when direct uploads are not offered. */
  Optional<PartUrls> startDirect(RepositoryName repository, String declaredLength) {
    return direct == null ? Optional.empty() : direct.start(repository, declaredLength);
  }

  /** {@code PATCH <session>?parts=a-b} (no body) of a direct upload: more part URLs. */
  PartUrls partUrls(RepositoryName repository, String id, String range) {
    UploadSession session = sessions.require(repository, id);
    if (session.direct() == null || direct == null) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID,
          "upload " + id + " is not a direct upload; ?parts= does not apply");
    }
    return direct.urls(session, range);
  }

  /** A status GET of a direct upload (read-only): its phase, or its failure. */
  Completion directStatus(UploadSession session) {
    return direct.status(session);
  }

  public UploadSession start(RepositoryName repository) {
    return sessions.create(repository);
  }

  public UploadSession status(RepositoryName repository, String id) {
    return sessions.require(repository, id);
  }

  /** PATCH: appends a chunk; returns the session after it. */
  public UploadSession append(RepositoryName repository, String id, Chunk chunk) {
    UploadSession session = sessions.require(repository, id);
    if (session.direct() != null) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, "upload " + id
          + " is a direct upload: PUT its parts to the presigned URLs, not PATCH them here");
    }
    long expected = expectedLength(session, chunk);
    ChunkWriter.Result written = writer.append(session, chunk.body(), expected,
        Set.of(Digest.SHA256), false);
    // A request that carried bytes [0, size) hashed them all; a later chunk breaks the chain.
    Digest hashed = session.size() == 0 ? written.hashes().get(Digest.SHA256)
        : written.received() == 0 ? session.hashedDigest() : null;
    UploadSession next = new UploadSession(id, repository, written.multipartUploadId(),
        written.parts(), written.tailLength(), written.size(), hashed, session.revision(),
        session.createdAt(), session.expiresAt());
    UploadSession stored = sessions.advance(session, next);
    if (stored == null) {
      if (written.startedMultipart()) {
        objects.abortMultipart(StorageLayout.uploadData(id), written.multipartUploadId());
      }
      throw sessions.conflict(repository, id);
    }
    storeTail(session, written);
    return stored;
  }

  /** PUT {@code ?digest=}: appends the optional final chunk and makes the blob. */
  public Digest complete(RepositoryName repository, String id, List<String> digestParams,
      Chunk chunk) {
    Completion done = finish(repository, id, digestParams, chunk);
    if (done.created() == null) {
      throw new IllegalStateException("direct upload " + id + " is still being verified");
    }
    return done.created();
  }

  /**
   * PUT {@code ?digest=} of any session: the blob, or for a direct upload that could not be
   * verified within the request's budget, the session (then verifying).
   */
  Completion finish(RepositoryName repository, String id, List<String> digestParams,
      Chunk chunk) {
    List<Digest> digests = parseDigests(digestParams);
    // Claim the session first: of two PUTs (or a PUT and a PATCH) only one goes on. Whether the
    // region holds the blob already is asked meanwhile (it decides whether to copy it in place).
    AtomicReference<UploadSession> claim = new AtomicReference<>();
    AtomicBoolean held = new AtomicBoolean();
    Concurrently.run(
        () -> claim.set(sessions.claim(repository, id)),
        () -> held.set(objects.head(StorageLayout.blob(digests.get(0))).isPresent()));
    UploadSession claimed = claim.get();
    if (claimed.direct() != null) {
      if (direct == null) {
        throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, "direct uploads are off");
      }
      return direct.complete(claimed, digests, chunk.contentLength());
    }
    long expected = expectedLength(claimed, chunk);
    ChunkWriter.Result written = writer.append(claimed, chunk.body(), expected,
        algorithms(digests), true);
    Map<String, Digest> known = claimed.size() == 0 ? written.hashes()
        : written.received() == 0 && claimed.hashedDigest() != null
            ? Map.of(claimed.hashedDigest().algorithm(), claimed.hashedDigest())
            : Map.of();
    return Completion.created(finisher.finish(claimed, written, digests, known, held.get()));
  }

  /** POST {@code ?digest=}: the whole blob in one request, never stored as a session. */
  public Digest monolithic(RepositoryName repository, String digestParam, InputStream body,
      long contentLength) {
    List<Digest> digests = parseDigests(List.of(digestParam));
    UploadSession session = sessions.fresh(repository);
    ChunkWriter.Result written = writer.append(session, body, contentLength,
        algorithms(digests), true);
    return finisher.finish(session, written, digests, written.hashes(), null);
  }

  /** DELETE: forgets the session first, so no other request can use it, then its bytes. */
  public void cancel(RepositoryName repository, String id) {
    UploadSession session = sessions.require(repository, id);
    finisher.discard(id, session.multipartUploadId());
  }

  /**
   * How many bytes the chunk must carry: its Content-Range's length when given (which must start
   * at the session's size, else 416, and agree with Content-Length, else 400 SIZE_INVALID),
   * otherwise its Content-Length (-1: read to the end; a streamed PATCH).
   */
  private long expectedLength(UploadSession session, Chunk chunk) {
    if (chunk.contentRange() == null) {
      return chunk.contentLength();
    }
    ContentRange range = ContentRange.parse(chunk.contentRange()).orElseThrow(() ->
        sessions.outOfOrder(session, "malformed Content-Range: " + chunk.contentRange()));
    if (range.start() != session.size()) {
      throw sessions.outOfOrder(session, "chunk starts at " + range.start()
          + " but the upload holds " + session.size() + " bytes");
    }
    if (chunk.contentLength() >= 0 && chunk.contentLength() != range.length()) {
      throw new RegistryException(ErrorKind.SIZE_INVALID, "Content-Length "
          + chunk.contentLength() + " does not match Content-Range " + chunk.contentRange());
    }
    return range.length();
  }

  /** After the session update won: writes the new tail, or removes a tail now consumed. */
  private void storeTail(UploadSession before, ChunkWriter.Result written) {
    String key = StorageLayout.uploadTail(before.id());
    if (written.tailLength() > 0) {
      objects.put(key, new ByteArrayInputStream(written.tail(), 0, written.tailLength()),
          written.tailLength(), ChunkWriter.OCTET_STREAM);
    } else if (before.tailSize() > 0) {
      objects.delete(key);
    }
  }

  private static List<Digest> parseDigests(List<String> params) {
    if (params == null || params.isEmpty() || params.get(0) == null || params.get(0).isEmpty()) {
      throw new RegistryException(ErrorKind.DIGEST_INVALID,
          "the digest query parameter is required to complete an upload");
    }
    return params.stream().map(Digest::parse).toList();
  }

  private static Set<String> algorithms(List<Digest> digests) {
    Set<String> algorithms = new LinkedHashSet<>();
    digests.forEach(d -> algorithms.add(d.algorithm()));
    return algorithms;
  }
}
