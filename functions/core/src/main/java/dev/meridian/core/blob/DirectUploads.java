package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.DirectUpload;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Direct uploads (docs/uploads.md "Direct uploads"): the client declares the blob's length, gets
 * presigned UploadPart URLs of the session's own multipart upload, PUTs the parts straight to
 * S3, and completes through the registry with the usual {@code PUT ?digest=}. The registry lists
 * the parts (S3 ListParts; the client sends no ETags), assembles them at the session's staging
 * key, verifies the SHA-256 ({@link DirectVerifier}), and only then makes the blob.
 */
final class DirectUploads {
  /** The most URLs one response carries; more come from {@code PATCH <session>?parts=a-b}. */
  static final int MAX_URLS = 1000;
  /** Presigned URLs live at most this long (and never longer than the session TTL). */
  static final Duration MAX_URL_VALIDITY = Duration.ofHours(1);
  /** S3's largest object. */
  static final long MAX_LENGTH = 5L << 40;
  private static final long MIB = 1024 * 1024;

  private final ObjectStore objects;
  private final UploadSessions sessions;
  private final DirectVerifier verifier;
  private final Clock clock;
  private final Duration budget;
  private final Duration urlValidity;
  private final long preferredPartSize;

  DirectUploads(ObjectStore objects, UploadSessions sessions, UploadFinisher finisher, Clock clock,
      Duration budget, Duration uploadTtl, long preferredPartSize) {
    this.objects = objects;
    this.sessions = sessions;
    this.verifier = new DirectVerifier(objects, sessions, finisher, clock);
    this.clock = clock;
    this.budget = budget;
    this.urlValidity = uploadTtl.compareTo(MAX_URL_VALIDITY) < 0 ? uploadTtl : MAX_URL_VALIDITY;
    this.preferredPartSize = preferredPartSize;
  }

  /**
   * Starts a direct upload of {@code declaredLength} bytes (the {@code Meridian-Upload-Length}
   * header): a session owning a new multipart upload at its staging key, with the URLs of its
   * first parts. Empty when this store cannot presign: the caller starts a standard session.
   */
  Optional<PartUrls> start(RepositoryName repository, String declaredLength) {
    long length = parseLength(declaredLength);
    long partSize = partSize(length, preferredPartSize);
    UploadSession fresh = sessions.fresh(repository);
    String key = StorageLayout.uploadData(fresh.id());
    String uploadId = objects.startMultipart(key, ChunkWriter.OCTET_STREAM);
    if (objects.presignUploadPart(key, uploadId, 1, urlValidity).isEmpty()) {
      objects.abortMultipart(key, uploadId);
      return Optional.empty();
    }
    UploadSession session = new UploadSession(fresh.id(), repository, uploadId, List.of(), 0, 0,
        null, 0, fresh.createdAt(), fresh.expiresAt(), DirectUpload.uploading(length, partSize));
    sessions.store(session);
    int count = session.direct().partCount();
    return Optional.of(urls(session, 1, Math.min(count, MAX_URLS)));
  }

  /**
   * {@code PATCH <session>?parts=a-b} without a body: the URLs of parts a..b (1-based,
   * inclusive). A PATCH, not a GET, because on AWS only the push function may presign writes.
   */
  PartUrls urls(UploadSession session, String range) {
    if (session.direct().phase() != DirectUpload.Phase.UPLOADING) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID,
          "upload " + session.id() + " is no longer taking parts");
    }
    int count = session.direct().partCount();
    int dash = range.indexOf('-');
    int first;
    int last;
    try {
      first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
      last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
    } catch (NumberFormatException e) {
      throw badRange(range, count);
    }
    if (first < 1 || last < first || last > count || last - first >= MAX_URLS) {
      throw badRange(range, count);
    }
    return urls(session, first, last);
  }

  /**
   * The completing {@code PUT ?digest=} of a direct session ({@code claimed} by it): lists and
   * checks the parts, assembles them, and verifies for up to the budget. Created when the blob
   * verified in time, else the session, now verifying; a mismatch throws DIGEST_INVALID.
   */
  Completion complete(UploadSession claimed, List<Digest> digests, long bodyLength) {
    Instant deadline = clock.instant().plus(budget);
    DirectUpload direct = claimed.direct();
    if (bodyLength > 0) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, "a direct upload is"
          + " completed by a PUT without a body; its bytes go to the presigned part URLs");
    }
    if (digests.size() != 1 || !Digest.SHA256.equals(digests.get(0).algorithm())) {
      throw new RegistryException(ErrorKind.DIGEST_INVALID,
          "a direct upload is verified with sha256: complete it with one ?digest=sha256:<hex>");
    }
    Digest wanted = digests.get(0);
    switch (direct.phase()) {
      case FAILED:
        throw DirectVerifier.failure(direct);
      case VERIFYING:
        if (!wanted.equals(direct.digest())) {
          throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, "upload "
              + claimed.id() + " is already being completed as " + direct.digest());
        }
        return verifier.advance(claimed, deadline);
      default:
        assemble(claimed);
        UploadSession verifying = sessions.advance(claimed, claimed.withDirect(
            direct.verifying(wanted, 0, new ResumableSha256().state())));
        if (verifying == null) {
          throw sessions.conflict(claimed.repository(), claimed.id());
        }
        return verifier.advance(verifying, deadline);
    }
  }

  /**
   * A status GET: read-only (on AWS, GETs reach the pull function, which may not write). A
   * failed session answers its error; the others report their phase and progress. Verification
   * advances only through the completing PUT, which the client repeats.
   */
  Completion status(UploadSession session) {
    if (session.direct().phase() == DirectUpload.Phase.FAILED) {
      throw DirectVerifier.failure(session.direct());
    }
    return Completion.pending(session);
  }

  /**
   * Checks that exactly parts 1..n arrived, each of its planned size, then completes the
   * multipart upload with the ETags S3 lists. A retried PUT whose first completion went through
   * finds the upload gone and the object in place.
   */
  private void assemble(UploadSession session) {
    DirectUpload direct = session.direct();
    String key = StorageLayout.uploadData(session.id());
    List<CompletedPart> parts;
    try {
      parts = objects.listParts(key, session.multipartUploadId());
    } catch (StorageException e) {
      if (assembled(key, direct)) {
        return;
      }
      throw e;
    }
    if (parts.isEmpty() && assembled(key, direct)) {
      return; // a completed upload lists no parts on s3proxy (S3 answers NoSuchUpload)
    }
    checkParts(direct, parts);
    try {
      objects.completeMultipart(key, session.multipartUploadId(), parts);
    } catch (StorageException e) {
      if (!assembled(key, direct)) {
        throw e;
      }
    }
  }

  private boolean assembled(String key, DirectUpload direct) {
    return objects.head(key).map(i -> i.size() == direct.length()).orElse(false);
  }

  static void checkParts(DirectUpload direct, List<CompletedPart> parts) {
    int count = direct.partCount();
    boolean[] seen = new boolean[count + 1];
    for (CompletedPart part : parts) {
      if (part.partNumber() < 1 || part.partNumber() > count) {
        throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, "part "
            + part.partNumber() + " is beyond the declared length's " + count + " parts");
      }
      long expected = direct.partLength(part.partNumber());
      if (part.size() != expected) {
        throw new RegistryException(ErrorKind.SIZE_INVALID, "part " + part.partNumber()
            + " has " + part.size() + " bytes, expected " + expected);
      }
      seen[part.partNumber()] = true;
    }
    List<Integer> missing = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      if (!seen[n]) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, missing.size() + " of "
          + count + " parts not uploaded yet, e.g. " + missing.subList(0, Math.min(10,
          missing.size())) + "; upload them and complete again");
    }
  }

  /**
   * The part size for {@code length}: the configured one, raised to a whole MiB when the blob
   * would otherwise need more than S3's 10,000 parts (at most 525 MiB for a 5 TiB blob, within
   * S3's 5 GiB part limit).
   */
  static long partSize(long length, long preferred) {
    long needed = (length + ChunkWriter.MAX_PARTS - 1) / ChunkWriter.MAX_PARTS;
    long rounded = (needed + MIB - 1) / MIB * MIB;
    return Math.max(Math.max(preferred, ObjectStore.MIN_PART_SIZE), rounded);
  }

  private PartUrls urls(UploadSession session, int first, int last) {
    DirectUpload direct = session.direct();
    String key = StorageLayout.uploadData(session.id());
    Instant expiresAt = clock.instant().plus(urlValidity);
    List<PartUrls.PartUrl> parts = new ArrayList<>(last - first + 1);
    for (int n = first; n <= last; n++) {
      URI url = objects.presignUploadPart(key, session.multipartUploadId(), n, urlValidity)
          .orElseThrow(() -> new StorageException("the object store stopped presigning"));
      parts.add(new PartUrls.PartUrl(n, url, direct.partOffset(n), direct.partLength(n)));
    }
    return new PartUrls(session, parts, expiresAt);
  }

  private static long parseLength(String declared) {
    long length;
    try {
      length = declared == null ? -1 : Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      length = -1;
    }
    if (length < 1 || length > MAX_LENGTH) {
      throw new RegistryException(ErrorKind.SIZE_INVALID, "a direct upload needs the blob's"
          + " length in Meridian-Upload-Length, 1 to " + MAX_LENGTH + " bytes; got "
          + shortened(declared));
    }
    return length;
  }

  /** Client text quoted in an error, cut to a length that cannot bloat the answer. */
  private static String shortened(String text) {
    return text == null || text.length() <= 40 ? String.valueOf(text)
        : text.substring(0, 37) + "...";
  }

  private static RegistryException badRange(String range, int count) {
    return new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID, "parts=" + shortened(range)
        + " is not a range a-b within 1-" + count + " of at most " + MAX_URLS + " parts");
  }
}
