package dev.meridian.local;

import java.net.URI;
import java.util.List;

/**
 * SKELETON (being implemented on a branch): the running local runtime — DynamoDB Local, the S3
 * server and every region's endpoint in this JVM. Tests start one with {@link #start}.
 */
public final class LocalRuntime implements AutoCloseable {

  private LocalRuntime() {}

  /** Starts everything and returns once every endpoint accepts requests. */
  public static LocalRuntime start(LocalOptions options) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Region names in regions-file order. */
  public List<String> regionNames() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** {@code http://127.0.0.1:<port>} of a region's endpoint. */
  public URI regionEndpoint(String region) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** {@code http://127.0.0.1:<port>} of the global endpoint. */
  public URI globalEndpoint() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Stops endpoints, then the storage servers. */
  @Override
  public void close() {}
}
