package dev.meridian.core.error;

/**
 * The distribution-spec v1.1 error codes ("Error Codes" table, code-1 … code-14), each with the
 * spec's message: what an error body says, not how it is answered. The status of each situation
 * is decided once, in {@link ErrorKind}.
 */
public enum OciErrorCode {
  BLOB_UNKNOWN("blob unknown to registry"),
  BLOB_UPLOAD_INVALID("blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN("blob upload unknown to registry"),
  DIGEST_INVALID("provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN("manifest references a manifest or blob unknown to registry"),
  MANIFEST_INVALID("manifest invalid"),
  MANIFEST_UNKNOWN("manifest unknown to registry"),
  NAME_INVALID("invalid repository name"),
  NAME_UNKNOWN("repository name not known to registry"),
  SIZE_INVALID("provided length did not match content length"),
  UNAUTHORIZED("authentication required"),
  DENIED("requested access to the resource is denied"),
  UNSUPPORTED("the operation is unsupported"),
  TOOMANYREQUESTS("too many requests");

  private final String message;

  OciErrorCode(String message) {
    this.message = message;
  }

  public String message() {
    return message;
  }
}
