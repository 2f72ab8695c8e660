package dev.meridian.core.blob;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectInfo;
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
 */
final class UploadFinisher {
  private static final System.Logger LOG = System.getLogger(UploadFinisher.class.getName());

  private final ObjectStore objects;
  private final MetadataIndex index;
  private final UploadSessions sessions;
  private final Clock clock;

  UploadFinisher(ObjectStore objects, MetadataIndex index, UploadSessions sessions, Clock clock) {
    this.objects = objects;
    this.index = index;
    this.sessions = sessions;
    this.clock = clock;
  }

  /**
   * Finishes {@code session} whose bytes are all written ({@code written} is the last request's
   * result). {@code digests} are the client's, the first one canonical. Returns that digest.
   */
  Digest finish(UploadSession session, ChunkWriter.Result written, List<Digest> digests,
      Map<String, Digest> known) {
    String data = StorageLayout.uploadData(session.id());
    try {
      assemble(data, written);
      ObjectInfo info = objects.head(data).orElseThrow(() -> invalid("assembled object missing"));
      if (info.size() != written.size()) {
        throw invalid("assembled " + info.size() + " bytes, received " + written.size());
      }
      verify(data, digests, known);
    } catch (RuntimeException e) {
      discard(session.id(), written.multipartUploadId());
      throw e;
    }
    Digest digest = digests.get(0);
    String target = StorageLayout.blob(digest);
    if (objects.head(target).isEmpty()) {
      objects.copy(data, target);
    }
    index.putBlob(new BlobRecord(digest, written.size(), clock.instant()));
    index.linkBlob(session.repository(), digest, written.size());
    discard(session.id(), null);
    return digest;
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
        throw new RegistryException(OciErrorCode.DIGEST_INVALID,
            "provided digest " + wanted + " does not match uploaded content (" + actual + ")");
      }
    }
  }

  /** Drops the session and its staging objects; best effort after the session is gone. */
  void discard(String sessionId, String multipartUploadId) {
    sessions.delete(sessionId);
    String data = StorageLayout.uploadData(sessionId);
    try {
      if (multipartUploadId != null) {
        objects.abortMultipart(data, multipartUploadId);
      }
      objects.delete(data);
      objects.delete(StorageLayout.uploadTail(sessionId));
    } catch (StorageException e) {
      // The _uploads/ prefix is never replicated and is expired by a bucket lifecycle rule.
      LOG.log(Level.WARNING, "cleaning up upload " + sessionId + " failed", e);
    }
  }

  private static RegistryException invalid(String why) {
    return new RegistryException(OciErrorCode.BLOB_UPLOAD_INVALID, "upload incomplete: " + why);
  }
}
