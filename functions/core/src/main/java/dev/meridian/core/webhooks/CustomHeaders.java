package dev.meridian.core.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which custom headers a webhook may send (ACR's {@code --headers}). A webhook's author picks the
 * URI, the body is Meridian's, but headers choose what a request means to the service that gets
 * it: a review found that {@code X-Amz-Target} with a forged SigV4 {@code Authorization}, sent by
 * a ping to DynamoDB Local on loopback, listed its tables. So these names are refused at
 * create/update (400, naming the header) and dropped at send time from webhooks stored earlier:
 *
 * <ul>
 *   <li>another protocol's addressing and credentials: {@code Host}, {@code X-Amz-*}, {@code
 *       X-Amzn-*}, {@code X-Aws-*} (IMDSv2's token), {@code Authorization}, {@code
 *       Proxy-Authorization} and every {@code Proxy-*}, {@code Cookie}, the metadata services'
 *       request markers ({@code Metadata} for Azure, {@code Metadata-Flavor} and {@code
 *       X-Google-Metadata-Request} for GCP), and client-address headers internal services trust
 *       ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}, {@code Meridian-*});
 *   <li>what Meridian sets itself: the Standard Webhooks signature headers ({@code webhook-*},
 *       {@link WebhookSigner}) and every {@code Content-*} (the body is Meridian's);
 *   <li>message framing and hop-by-hop headers (RFC 9110 §7.6.1, RFC 9112 §6–7): {@code
 *       Content-Length}, {@code Transfer-Encoding}, {@code Connection}, {@code Keep-Alive},
 *       {@code TE}, {@code Trailer}, {@code Upgrade}, {@code Expect}, {@code HTTP2-Settings} —
 *       several of which the JDK client refuses outright, which would fail every attempt.
 * </ul>
 *
 * A receiver authenticates deliveries by their signature; a token of its own can still travel in
 * a header of its own (e.g. {@code X-Receiver-Token}).
 */
final class CustomHeaders {
  private static final Set<String> NAMES = Set.of("host", "authorization", "cookie", "cookie2",
      "forwarded", "x-real-ip", "metadata", "metadata-flavor", "x-google-metadata-request",
      "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade", "expect",
      "http2-settings");
  private static final List<String> PREFIXES = List.of("x-amz-", "x-amzn-", "x-aws-", "proxy-",
      "x-forwarded-", "meridian-", "webhook-", "content-");

  private CustomHeaders() {}

  /** Throws {@link IllegalArgumentException} naming the first header a webhook may not set. */
  static void check(Map<String, String> headers) {
    headers.forEach((name, value) -> {
      if (reserved(name)) {
        throw new IllegalArgumentException("custom header " + name + " is reserved: it is set by"
            + " Meridian, frames the message, or addresses another service (docs/webhooks.md)");
      }
      if (value == null || value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
        throw new IllegalArgumentException("custom header " + name
            + " has a control character in its value");
      }
    });
  }

  /** {@code headers} without the reserved ones (a webhook stored before a name was reserved). */
  static Map<String, String> sendable(Map<String, String> headers) {
    Map<String, String> kept = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      if (!reserved(name)) {
        kept.put(name, value);
      }
    });
    return kept;
  }

  static boolean reserved(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return NAMES.contains(n) || PREFIXES.stream().anyMatch(n::startsWith);
  }

  /** The names no stored config ever held (refused since webhooks exist): checked on load too. */
  static boolean setByMeridian(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("webhook-") || n.equals("content-type") || n.equals("content-length")
        || n.equals("host");
  }
}
