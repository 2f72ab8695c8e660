package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.time.Instant;
import java.util.List;

/**
 * An upload session's durable state, so any function instance can serve any of its requests.
 *
 * @param id the session id (a random UUID), the last path segment of its {@code Location}
 * @param repository where the blob will be linked
 * @param multipartUploadId the object store's multipart upload id, or null before the first part
 * @param parts parts uploaded so far, in order
 * @param tailSize bytes received after the last part, held at {@link StorageLayout#uploadTail}
 *     until enough arrive for a part (S3 parts must be ≥ 5 MiB except the last)
 * @param size total bytes received: sum of parts plus tailSize
 * @param hashedDigest the digest of bytes {@code [0, size)} when one request carried them all and
 *     hashed them on the way in, else null (completion then re-reads the object to verify)
 * @param revision incremented on every update; updates are conditional on it
 * @param direct the direct-upload state when the client opted in ({@code Meridian-Upload-Mode:
 *     direct}), else null: parts then come straight from the client to S3 (docs/uploads.md)
 */
public record UploadSession(
    String id,
    RepositoryName repository,
    String multipartUploadId,
    List<CompletedPart> parts,
    long tailSize,
    long size,
    Digest hashedDigest,
    long revision,
    Instant createdAt,
    Instant expiresAt,
    DirectUpload direct) {

  public UploadSession {
    parts = List.copyOf(parts);
  }

  /** A session of the standard protocol (no direct upload). */
  public UploadSession(String id, RepositoryName repository, String multipartUploadId,
      List<CompletedPart> parts, long tailSize, long size, Digest hashedDigest, long revision,
      Instant createdAt, Instant expiresAt) {
    this(id, repository, multipartUploadId, parts, tailSize, size, hashedDigest, revision,
        createdAt, expiresAt, null);
  }

  /** This session with another direct-upload state. */
  public UploadSession withDirect(DirectUpload next) {
    return new UploadSession(id, repository, multipartUploadId, parts, tailSize, size,
        hashedDigest, revision, createdAt, expiresAt, next);
  }

  /** This session with its revision moved on by one and the given expiry. */
  public UploadSession claimed(Instant newExpiry) {
    return new UploadSession(id, repository, multipartUploadId, parts, tailSize, size,
        hashedDigest, revision + 1, createdAt, newExpiry, direct);
  }
}
