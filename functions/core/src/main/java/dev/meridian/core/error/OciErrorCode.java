package dev.meridian.core.error;

/**
 * The distribution-spec v1.1 error codes ("Error Codes" table, code-1 … code-14), each with the
 * HTTP status Meridian answers with and the spec's message. Statuses follow CNCF distribution's
 * {@code registry/api/errcode} register where the spec leaves them open (e.g. {@code
 * MANIFEST_BLOB_UNKNOWN} is 400 there, {@code UNSUPPORTED} 405). Where a situation needs another
 * status for the same code (413 for an oversized manifest, 416 for an out-of-order chunk), the
 * {@link RegistryException} carries it.
 */
public enum OciErrorCode {
  BLOB_UNKNOWN(404, "blob unknown to registry"),
  BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
  DIGEST_INVALID(400, "provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
  MANIFEST_INVALID(400, "manifest invalid"),
  MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
  NAME_INVALID(400, "invalid repository name"),
  NAME_UNKNOWN(404, "repository name not known to registry"),
  SIZE_INVALID(400, "provided length did not match content length"),
  UNAUTHORIZED(401, "authentication required"),
  DENIED(403, "requested access to the resource is denied"),
  UNSUPPORTED(405, "the operation is unsupported"),
  TOOMANYREQUESTS(429, "too many requests");

  private final int status;
  private final String message;

  OciErrorCode(int status, String message) {
    this.status = status;
    this.message = message;
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }
}
