package dev.meridian.core.error;

import java.util.Map;

/**
 * A failure that the HTTP edge renders as an OCI error body. Code throws it with an {@link
 * ErrorKind} and a human-readable message; the kind alone decides the code and the status.
 * {@code headers} are added to the error response (e.g. {@code Range} on a 416, {@code
 * Retry-After} on a 429). {@code detail} is any JSON-serializable value, or null.
 */
public class RegistryException extends RuntimeException {

  private final ErrorKind kind;
  private final transient Object detail;
  private final Map<String, String> headers;

  public RegistryException(ErrorKind kind, String message) {
    this(kind, message, null, Map.of());
  }

  public RegistryException(
      ErrorKind kind, String message, Object detail, Map<String, String> headers) {
    super(message);
    this.kind = kind;
    this.detail = detail;
    this.headers = Map.copyOf(headers);
  }

  public ErrorKind kind() {
    return kind;
  }

  public OciErrorCode code() {
    return kind.code();
  }

  public int status() {
    return kind.status();
  }

  public Object detail() {
    return detail;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
