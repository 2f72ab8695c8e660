package dev.meridian.core.blob;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.DirectUpload;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * Verifies a direct upload's assembled object before it becomes a blob: reads it once, in
 * slices of {@link #SLICE} bytes, through a {@link ResumableSha256} whose state is stored in the
 * session after each request. S3's own checksums do not help here: a multipart object's checksum
 * is a checksum of the parts' checksums, not the SHA-256 of the whole object.
 *
 * <p>A request hashes at least one slice, then goes on while its deadline allows; so every
 * request makes progress, even with a tiny budget, and none runs far past API Gateway's 30 s.
 * Memory stays at one 64 KiB buffer. On a match the object becomes the blob through {@link
 * UploadFinisher} (copy to its content address, index, link, clean up); on a mismatch the object
 * is deleted and the session keeps the reason until it expires, for the status GET to report.
 */
final class DirectVerifier {
  /** Bytes hashed between two looks at the clock (and the least one request hashes). */
  static final long SLICE = 8L * 1024 * 1024;
  private static final int BUFFER = 64 * 1024;
  private static final String SEPARATOR = ": ";

  private final ObjectStore objects;
  private final UploadSessions sessions;
  private final UploadFinisher finisher;
  private final Clock clock;

  DirectVerifier(ObjectStore objects, UploadSessions sessions, UploadFinisher finisher,
      Clock clock) {
    this.objects = objects;
    this.sessions = sessions;
    this.finisher = finisher;
    this.clock = clock;
  }

  /** Hashes on from where {@code session} stopped until done or past {@code deadline}. */
  Completion advance(UploadSession session, Instant deadline) {
    DirectUpload direct = session.direct();
    ResumableSha256 hash = ResumableSha256.resume(direct.hashState());
    String key = StorageLayout.uploadData(session.id());
    long offset = direct.hashed();
    byte[] buffer = new byte[BUFFER];
    do {
      long end = Math.min(offset + SLICE, direct.length());
      if (!hashRange(key, offset, end, hash, buffer)) {
        fail(session, OciErrorCode.BLOB_UPLOAD_INVALID, "the assembled object is missing or"
            + " shorter than the declared " + direct.length() + " bytes");
      }
      offset = end;
    } while (offset < direct.length() && clock.instant().isBefore(deadline));
    if (offset < direct.length()) {
      UploadSession next = sessions.advance(session,
          session.withDirect(direct.verifying(direct.digest(), offset, hash.state())));
      // Lost to a concurrent status request: it stored its own progress; report that.
      return Completion.pending(next != null ? next
          : sessions.require(session.repository(), session.id()));
    }
    Digest actual = hash.digest();
    if (!actual.equals(direct.digest())) {
      objects.delete(key);
      fail(session, OciErrorCode.DIGEST_INVALID, "provided digest " + direct.digest()
          + " does not match uploaded content (" + actual + ")");
    }
    return Completion.created(finisher.finishVerified(session, direct.digest(), direct.length()));
  }

  /** The stored failure of a FAILED session, as the error it was. */
  static RegistryException failure(DirectUpload direct) {
    String text = direct.failure();
    int at = text.indexOf(SEPARATOR);
    for (OciErrorCode code : OciErrorCode.values()) {
      if (at > 0 && code.name().equals(text.substring(0, at))) {
        return new RegistryException(code, text.substring(at + SEPARATOR.length()));
      }
    }
    return new RegistryException(OciErrorCode.BLOB_UPLOAD_INVALID, text);
  }

  /** Records the failure in the session (best effort: a lost race changes nothing) and throws. */
  private void fail(UploadSession session, OciErrorCode code, String why) {
    sessions.advance(session, session.withDirect(
        session.direct().failed(code.name() + SEPARATOR + why)));
    throw new RegistryException(code, why);
  }

  private boolean hashRange(String key, long from, long to, ResumableSha256 hash, byte[] buffer) {
    ObjectContent content = objects.getRange(key, from, to - 1).orElse(null);
    if (content == null) {
      return false;
    }
    long read = 0;
    try (content; InputStream in = content.stream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        hash.update(buffer, 0, n);
        read += n;
      }
    } catch (IOException e) {
      throw new RegistryException(OciErrorCode.BLOB_UPLOAD_INVALID, 500,
          "reading the assembled upload failed: " + e.getMessage());
    }
    return read == to - from;
  }
}
