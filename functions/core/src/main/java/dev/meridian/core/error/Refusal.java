package dev.meridian.core.error;

import java.util.Map;

/**
 * Why Meridian's own API refuses a request, in the domain's words, and the one table of what
 * each refusal is on the wire (OCI code and HTTP status), as distribution's {@code errcode}
 * registers its errors once. Throw sites name the refusal, never a status: {@code throw
 * Refusal.NOT_FOUND.because("no webhook " + name)}. The spec's codes have none for a bad field,
 * a method, a conflict or an outage, so those are {@code UNSUPPORTED} with the status that says
 * which (docs/errors.md).
 */
public enum Refusal {
  /** What the path names does not exist: an endpoint, a webhook, a task, a run, an account. */
  NOT_FOUND(OciErrorCode.NAME_UNKNOWN, 404),
  /** Input that fails validation: a JSON field, a query parameter, a body too large. */
  INVALID_INPUT(OciErrorCode.UNSUPPORTED, 400),
  /** A method the endpoint does not serve. */
  METHOD_NOT_ALLOWED(OciErrorCode.UNSUPPORTED, 405),
  /** The request contradicts what is held: a name that exists, an update that lost its races. */
  CONFLICT(OciErrorCode.UNSUPPORTED, 409),
  /** A failure of Meridian itself, logged where it is caught. */
  INTERNAL(OciErrorCode.UNSUPPORTED, 500),
  /** A write some region missed; repeating the request completes it. */
  UNAVAILABLE(OciErrorCode.UNSUPPORTED, 503);

  private final OciErrorCode code;
  private final int status;

  Refusal(OciErrorCode code, int status) {
    this.code = code;
    this.status = status;
  }

  public RegistryException because(String message) {
    return new RegistryException(code, status, message);
  }

  /** With response headers ({@code Retry-After} on a 503). */
  public RegistryException because(String message, Map<String, String> headers) {
    return new RegistryException(code, status, message, null, headers);
  }
}
