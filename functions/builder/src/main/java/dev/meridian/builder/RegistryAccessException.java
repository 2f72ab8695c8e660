package dev.meridian.builder;

/**
 * A port could not read from or write to the registry (not "absent": that is an empty result).
 * The build ends as a system failure, not as the user's fault.
 */
public class RegistryAccessException extends RuntimeException {
  public RegistryAccessException(String message) {
    super(message);
  }

  public RegistryAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
