package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.lifecycle.gc.BlobClaims;
import dev.meridian.core.lifecycle.quota.QuotaGate;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.Concurrently;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Turns a fully received upload into a blob: assembles the object (completes the multipart
 * upload), verifies every requested digest, copies the object to its content address unless the
 * region already holds it, indexes and links it, and removes the staging objects and session.
 *
 * <p>Verification uses the digest hashed while the bytes streamed in when one request carried
 * all of them (the common POST, PATCH, PUT of docker, skopeo and containerd); otherwise it re-reads
 * the assembled object once, streaming. Trusting the streamed hash relies on S3 refusing to
 * complete a multipart upload whose listed part ETags are not the stored parts' (InvalidPart).
 *
 * <p>Calls that do not depend on each other are made at once ({@link Concurrently}): the
 * assembly and the look for an existing blob, the blob record and the repository link, the
 * session record and the staging objects. One after another they were about twelve round trips,
 * 130 ms of a 256 MiB upload's closing PUT on the local runtime (bench/notes.md).
 */
final class UploadFinisher {
  private static final System.Logger LOG = System.getLogger(UploadFinisher.class.getName());

  private final ObjectStore objects;
  private final MetadataIndex index;
  private final UploadSessions sessions;
  private final Clock clock;
  private final QuotaGate quotas;

  UploadFinisher(ObjectStore objects, MetadataIndex index, UploadSessions sessions, Clock clock) {
    this(objects, index, sessions, clock, QuotaGate.NONE);
  }

  /** As above, refusing a blob that would exceed a storage quota (docs/lifecycle.md). */
  UploadFinisher(ObjectStore objects, MetadataIndex index, UploadSessions sessions, Clock clock,
      QuotaGate quotas) {
    this.objects = objects;
    this.index = index;
    this.sessions = sessions;
    this.clock = clock;
    this.quotas = quotas;
  }

  /**
   * Finishes {@code session} whose bytes are all written ({@code written} is the last request's
   * result). {@code digests} are the client's, the first one canonical. {@code held} says whether
   * the region held that blob when the caller asked (null: not asked); unless it said "absent",
   * the blob is looked for again here, after the GC claim, during the assembly. Returns that
   * digest.
   */
  Digest finish(UploadSession session, ChunkWriter.Result written, List<Digest> digests,
      Map<String, Digest> known, Boolean held) {
    String data = written.dataKey();
    Digest digest = digests.get(0);
    String target = StorageLayout.blob(digest);
    // A tail that is the whole blob (ChunkWriter) was copied from; no data object was written.
    boolean tailIsBlob = data.equals(StorageLayout.uploadTail(session.id()));
    AtomicBoolean present = new AtomicBoolean();
    // Before looking for the blob: a GC run can then no longer delete it (docs/lifecycle.md).
    BlobClaims.claimAwaitingDeletion(index, digest, clock);
    // A caller's "absent", asked before the claim, is safe to keep: the blob is copied into place
    // anyway. Its "present" is not: a GC run may have deleted the blob between that look and the
    // claim (the PUT's body streams in meanwhile), so it is asked again now the claim holds.
    boolean look = !Boolean.FALSE.equals(held);
    try {
      Concurrently.run(
          () -> {
            assemble(data, written);
            verify(data, digests, known);
          },
          () -> {
            if (look) {
              present.set(objects.head(target).isPresent());
            }
          });
    } catch (RuntimeException e) {
      discard(session.id(), written.multipartUploadId(), true, session.tailSize() > 0);
      throw e;
    }
    try {
      quotas.admit(session.repository(), digest, written.size()); // the size known at last
    } catch (RegistryException e) {
      discard(session.id(), null, !tailIsBlob, session.tailSize() > 0);
      throw e;
    }
    if (!present.get()) {
      objects.copy(data, target);
    }
    // The blob is in place: index it and clean up at once. Should the index writes fail, the
    // client starts the upload again, and that upload finds the blob already in place.
    BlobRecord record = new BlobRecord(digest, written.size(), clock.instant());
    Concurrently.run(
        () -> index.putBlob(record),
        () -> index.linkBlob(session.repository(), digest, written.size()),
        () -> discard(session.id(), null, !tailIsBlob, session.tailSize() > 0));
    return digest;
  }

  /**
   * Finishes a direct upload whose assembled object at the staging key was hashed to {@code
   * digest} ({@link DirectVerifier}): the same copy, index, link and clean-up as any upload.
   */
  Digest finishVerified(UploadSession session, Digest digest, long size) {
    ChunkWriter.Result assembled = new ChunkWriter.Result(null, List.of(), new byte[0], 0, 0,
        size, Map.of(), false, StorageLayout.uploadData(session.id()));
    return finish(session, assembled, List.of(digest), Map.of(digest.algorithm(), digest), null);
  }

  private void assemble(String data, ChunkWriter.Result written) {
    if (written.parts().isEmpty()) {
      return; // ChunkWriter wrote the whole object with one put
    }
    try {
      objects.completeMultipart(data, written.multipartUploadId(), written.parts());
    } catch (StorageException e) {
      // A retried PUT after a completion whose answer was lost: the object is already there.
      long expected = written.size();
      if (objects.head(data).map(i -> i.size() == expected).orElse(false)) {
        LOG.log(Level.INFO, "multipart upload {0} already complete", written.multipartUploadId());
        return;
      }
      throw e;
    }
  }

  private void verify(String data, List<Digest> digests, Map<String, Digest> known) {
    Set<String> missing = digests.stream().map(Digest::algorithm)
        .filter(alg -> !known.containsKey(alg))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    Map<String, Digest> computed = missing.isEmpty() ? Map.of()
        : Hashers.of(objects.get(data).orElseThrow(() -> invalid("assembled object missing"))
            .stream(), missing);
    for (Digest wanted : digests) {
      Digest actual = known.containsKey(wanted.algorithm())
          ? known.get(wanted.algorithm()) : computed.get(wanted.algorithm());
      if (!wanted.equals(actual)) {
        throw new RegistryException(ErrorKind.DIGEST_INVALID,
            "provided digest " + wanted + " does not match uploaded content (" + actual + ")");
      }
    }
  }

  /** Drops the session and its staging objects; best effort after the session is gone. */
  void discard(String sessionId, String multipartUploadId) {
    discard(sessionId, multipartUploadId, true, true);
  }

  /**
   * As above; {@code data} false when no data object was written (the tail was the blob), {@code
   * tail} false when no tail object was (most uploads), each saving a delete. The session record
   * and the staging objects go at once.
   */
  void discard(String sessionId, String multipartUploadId, boolean data, boolean tail) {
    String dataKey = StorageLayout.uploadData(sessionId);
    try {
      Concurrently.run(
          () -> sessions.delete(sessionId),
          () -> {
            if (multipartUploadId != null) {
              objects.abortMultipart(dataKey, multipartUploadId);
            }
            if (data) {
              objects.delete(dataKey);
            }
          },
          () -> {
            if (tail) {
              objects.delete(StorageLayout.uploadTail(sessionId));
            }
          });
    } catch (StorageException e) {
      // The _uploads/ prefix is never replicated and is expired by a bucket lifecycle rule.
      LOG.log(Level.WARNING, "cleaning up upload " + sessionId + " failed", e);
    }
  }

  private static RegistryException invalid(String why) {
    return new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, "upload incomplete: " + why);
  }
}
