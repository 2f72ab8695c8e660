package dev.meridian.core.error;

import java.util.Map;

/**
 * A failure that the HTTP edge renders as an OCI error body. Core code throws it with a code and
 * a human-readable message; the status defaults to the code's, and may be overridden (413, 416).
 * {@code headers} are added to the error response (e.g. {@code Range} on a 416, {@code
 * Retry-After} on a 429). {@code detail} is any JSON-serializable value, or null.
 */
public class RegistryException extends RuntimeException {

  private final OciErrorCode code;
  private final int status;
  private final transient Object detail;
  private final Map<String, String> headers;

  public RegistryException(OciErrorCode code, String message) {
    this(code, code.status(), message, null, Map.of());
  }

  public RegistryException(OciErrorCode code, int status, String message) {
    this(code, status, message, null, Map.of());
  }

  public RegistryException(
      OciErrorCode code, int status, String message, Object detail, Map<String, String> headers) {
    super(message);
    this.code = code;
    this.status = status;
    this.detail = detail;
    this.headers = Map.copyOf(headers);
  }

  public OciErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }

  public Object detail() {
    return detail;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
