package dev.meridian.core.storage;

/**
 * A storage backend failed (network, throttling, a bug). Not an OCI error: the edge answers
 * 500 and logs it; event functions let it escape so the platform retries.
 */
public class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
