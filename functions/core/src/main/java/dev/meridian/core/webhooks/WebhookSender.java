package dev.meridian.core.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
   * What became of one request — never what the receiver said: a body (or an error message that
   * quotes a non-HTTP service's first line) would let a webhook's author read any service the
   * region can reach. Implementations report the receiver's answer only through
   * these fields and their errors in words of their own.
   *
   * @param status the HTTP status, or -1 when no response arrived (timeout, refused connection)
   * @param retryAfter the response's {@code Retry-After} header as sent, or null
   * @param contentType the response's media type ({@code type/subtype}, lower case, parameters
   *     dropped), or null when absent or not a media type
   * @param contentLength the response's declared {@code Content-Length}, or -1 when not declared
   * @param error what went wrong when status is -1, else null
   */
  record Response(int status, String retryAfter, String contentType, long contentLength,
      Duration latency, String error) {
    private static final Pattern MEDIA_TYPE =
        Pattern.compile("[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}");

    public Response {
      contentType = mediaType(contentType);
      contentLength = Math.max(-1, contentLength);
    }

    /** No response: {@code error} says why. */
    public static Response failed(Duration latency, String error) {
      return new Response(-1, null, null, -1, latency, error);
    }

    public boolean successful() {
      return status >= 200 && status < 300;
    }

    /** {@code HTTP 200, application/json, 34 bytes}: what history and pings show; null if none. */
    public String summary() {
      if (status < 0) {
        return null;
      }
      return "HTTP " + status + (contentType == null ? "" : ", " + contentType) + ", "
          + (contentLength < 0 ? "length not declared" : contentLength + " bytes");
    }

    private static String mediaType(String value) {
      if (value == null) {
        return null;
      }
      int semicolon = value.indexOf(';');
      String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip()
          .toLowerCase(Locale.ROOT);
      return MEDIA_TYPE.matcher(type).matches() ? type : null;
    }
  }
}
