package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.DirectUpload;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 *
 * <p>The JDK's SHA-256 runs on the CPU's SHA extensions, 4–8× faster than {@link
 * ResumableSha256} here (docs/uploads.md), but its state cannot be stored. So the first request
 * tries it on the whole object for up to half its budget; most blobs verify within that. Only one
 * that does not is hashed again with the resumable hasher, from the start, in the time left and
 * the requests that follow: at most half a budget is spent twice, and the deadline holds.
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
    String key = StorageLayout.uploadData(session.id());
    byte[] buffer = new byte[BUFFER];
    if (direct.hashed() == 0) {
      Instant now = clock.instant();
      Instant half = now.plus(java.time.Duration.between(now, deadline).dividedBy(2));
      Digest whole = hashWhole(session, key, half, buffer);
      if (whole != null) {
        return verified(session, key, whole);
      }
    }
    ResumableSha256 hash = ResumableSha256.resume(direct.hashState());
    long offset = direct.hashed();
    do {
      long end = Math.min(offset + SLICE, direct.length());
      hashRange(session, key, offset, end, hash::update, buffer);
      offset = end;
    } while (offset < direct.length() && clock.instant().isBefore(deadline));
    if (offset < direct.length()) {
      UploadSession next = sessions.advance(session,
          session.withDirect(direct.verifying(direct.digest(), offset, hash.state())));
      // Lost to a concurrent status request: it stored its own progress; report that.
      return Completion.pending(next != null ? next
          : sessions.require(session.repository(), session.id()));
    }
    return verified(session, key, hash.digest());
  }

  /**
   * The whole object's digest by the JDK's SHA-256, or null when it was not read to its end
   * before {@code until} (nothing is kept: the resumable hasher starts over).
   */
  private Digest hashWhole(UploadSession session, String key, Instant until, byte[] buffer) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long length = session.direct().length();
    long offset = 0;
    while (offset < length && clock.instant().isBefore(until)) {
      long end = Math.min(offset + SLICE, length);
      hashRange(session, key, offset, end, sha256::update, buffer);
      offset = end;
    }
    return offset < length ? null : Digest.sha256(sha256.digest());
  }

  /** On a match the object becomes the blob; on a mismatch it is deleted and the session fails. */
  private Completion verified(UploadSession session, String key, Digest actual) {
    DirectUpload direct = session.direct();
    if (!actual.equals(direct.digest())) {
      objects.delete(key);
      fail(session, ErrorKind.DIGEST_INVALID, "provided digest " + direct.digest()
          + " does not match uploaded content (" + actual + ")");
    }
    return Completion.created(finisher.finishVerified(session, direct.digest(), direct.length()));
  }

  /** Where the bytes read go: a hasher's {@code update}. */
  private interface Sink {
    void update(byte[] bytes, int offset, int length);
  }

  /**
   * The stored failure of a FAILED session, as the error it was. The stored prefix is the kind's
   * name; the kinds stored here carry their code's name, so failures stored as codes read the same.
   */
  static RegistryException failure(DirectUpload direct) {
    String text = direct.failure();
    int at = text.indexOf(SEPARATOR);
    for (ErrorKind kind : ErrorKind.values()) {
      if (at > 0 && kind.name().equals(text.substring(0, at))) {
        return new RegistryException(kind, text.substring(at + SEPARATOR.length()));
      }
    }
    return new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, text);
  }

  /** Records the failure in the session (best effort: a lost race changes nothing) and throws. */
  private void fail(UploadSession session, ErrorKind kind, String why) {
    sessions.advance(session, session.withDirect(
        session.direct().failed(kind.name() + SEPARATOR + why)));
    throw new RegistryException(kind, why);
  }

  /** Hashes bytes [from, to) of the object; fails the session when it is missing or short. */
  private void hashRange(UploadSession session, String key, long from, long to, Sink hash,
      byte[] buffer) {
    if (!hashed(key, from, to, hash, buffer)) {
      fail(session, ErrorKind.BLOB_UPLOAD_INVALID, "the assembled object is missing or"
          + " shorter than the declared " + session.direct().length() + " bytes");
    }
  }

  private boolean hashed(String key, long from, long to, Sink hash, byte[] buffer) {
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
      throw new RegistryException(ErrorKind.UPLOAD_UNREADABLE,
          "reading the assembled upload failed: " + e.getMessage());
    }
    return read == to - from;
  }
}
