package dev.meridian.core.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Port: one HTTP POST to a receiver (the JDK {@code HttpClient} in the runtimes). Implementations
 * must not follow redirects (a redirect could lead past {@link AddressPolicy}), must bound the
 * whole exchange by {@code timeout}, and must report network failures as a {@link Response} with
 * status -1 rather than throw.
 */
public interface WebhookSender {

  Response send(Request request);

  record Request(URI uri, Map<String, String> headers, byte[] body, Duration timeout) {}

  /**
   * @param status the HTTP status, or -1 when no response arrived (timeout, refused connection)
   * @param retryAfter the response's {@code Retry-After} header as sent, or null
   * @param body the start of the response body (at most a few KiB), or null
   * @param error what went wrong when status is -1, else null
   */
  record Response(int status, String retryAfter, String body, Duration latency, String error) {
    public boolean successful() {
      return status >= 200 && status < 300;
    }
  }
}
