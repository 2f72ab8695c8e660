package dev.meridian.core.error;

import java.util.Map;

/**
 * Every way Meridian refuses a request, declared once with what it is on the wire: the OCI code of
 * the body and the HTTP status. This is the one table, as CNCF distribution registers each error
 * once ({@code registry/api/errcode} {@code ErrorDescriptor}: value, message, HTTP status) and its
 * {@code ServeJSON} takes the status from the descriptor, never from the throw site. Code throws a
 * kind and a message ({@code throw ErrorKind.BLOB_UNKNOWN.because("blob " + d + " unknown")}); the
 * edge renders {@link #code()} and answers {@link #status()}.
 *
 * <p>The spec's 14 codes leave most statuses open and have no code for a method, a conflict or an
 * outage, so some codes appear under several kinds: {@code SIZE_INVALID} is 400 for a length that
 * does not match and 416 for a range a blob cannot satisfy; {@code UNSUPPORTED} carries every
 * status the spec's codes do not name (docs/errors.md).
 */
public enum ErrorKind {
  // The spec's codes at the status distribution registers for them.
  BLOB_UNKNOWN(OciErrorCode.BLOB_UNKNOWN, 404),
  BLOB_UPLOAD_INVALID(OciErrorCode.BLOB_UPLOAD_INVALID, 400),
  BLOB_UPLOAD_UNKNOWN(OciErrorCode.BLOB_UPLOAD_UNKNOWN, 404),
  DIGEST_INVALID(OciErrorCode.DIGEST_INVALID, 400),
  MANIFEST_BLOB_UNKNOWN(OciErrorCode.MANIFEST_BLOB_UNKNOWN, 400),
  MANIFEST_INVALID(OciErrorCode.MANIFEST_INVALID, 400),
  MANIFEST_UNKNOWN(OciErrorCode.MANIFEST_UNKNOWN, 404),
  NAME_INVALID(OciErrorCode.NAME_INVALID, 400),
  /** A repository the region does not know. */
  NAME_UNKNOWN(OciErrorCode.NAME_UNKNOWN, 404),
  /** A length that does not match the bytes: Content-Length, a part's size. */
  SIZE_INVALID(OciErrorCode.SIZE_INVALID, 400),
  /** Credentials missing or wrong; sent with a {@code WWW-Authenticate} challenge. */
  UNAUTHORIZED(OciErrorCode.UNAUTHORIZED, 401),
  /** The caller may not do this: a permission it lacks, an operation a lock switched off. */
  DENIED(OciErrorCode.DENIED, 403),
  /** The caller or the backend is throttled; sent with {@code Retry-After}. */
  TOO_MANY_REQUESTS(OciErrorCode.TOOMANYREQUESTS, 429),

  // The spec's codes at the status a situation needs.
  /** A manifest over the size limit: the spec asks for 413 and names no code (as zot). */
  MANIFEST_TOO_LARGE(OciErrorCode.MANIFEST_INVALID, 413),
  /** A request body over what the endpoint accepts in one request (the Lambda payload limit). */
  BODY_TOO_LARGE(OciErrorCode.SIZE_INVALID, 413),
  /** A push that would exceed a storage quota. */
  QUOTA_EXCEEDED(OciErrorCode.DENIED, 413),
  /** A blob GET whose {@code Range} the blob cannot satisfy; sent with {@code Content-Range}. */
  RANGE_NOT_SATISFIABLE(OciErrorCode.SIZE_INVALID, 416),
  /**
   * A chunk out of order, or one that lost a race on its session: the spec's 416, sent with the
   * session's {@code Range} so the client resumes.
   */
  UPLOAD_OUT_OF_ORDER(OciErrorCode.BLOB_UPLOAD_INVALID, 416),
  /** The assembled bytes of an upload could not be read back to verify them. */
  UPLOAD_UNREADABLE(OciErrorCode.BLOB_UPLOAD_INVALID, 500),
  /**
   * What is held forbids the change until someone changes it: a locked or immutable tag, a
   * disabled task, the last admin account.
   */
  LOCKED(OciErrorCode.DENIED, 409),

  // Meridian's own API and the HTTP fronts: situations none of the spec's codes names.
  /** What the path names does not exist: an endpoint, a webhook, a task, a run, an account. */
  NOT_FOUND(OciErrorCode.NAME_UNKNOWN, 404),
  /** Input that fails validation: a JSON field, a query parameter, a header, a body. */
  INVALID_INPUT(OciErrorCode.UNSUPPORTED, 400),
  /** A method the endpoint does not serve (distribution's {@code UNSUPPORTED} is 405). */
  METHOD_NOT_ALLOWED(OciErrorCode.UNSUPPORTED, 405),
  /** A request body slower than the front accepts. */
  REQUEST_TIMEOUT(OciErrorCode.UNSUPPORTED, 408),
  /** The request contradicts what is held: a name that exists, an update that lost its races. */
  CONFLICT(OciErrorCode.UNSUPPORTED, 409),
  /** A failure of Meridian itself, logged where it is caught. */
  INTERNAL(OciErrorCode.UNSUPPORTED, 500),
  /** A write some region missed; repeating the request completes it. */
  UNAVAILABLE(OciErrorCode.UNSUPPORTED, 503);

  private final OciErrorCode code;
  private final int status;

  ErrorKind(OciErrorCode code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The code of the error body. */
  public OciErrorCode code() {
    return code;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  public RegistryException because(String message) {
    return new RegistryException(this, message);
  }

  /** With response headers ({@code Retry-After} on a 429 or 503). */
  public RegistryException because(String message, Map<String, String> headers) {
    return new RegistryException(this, message, null, headers);
  }
}
