package dev.meridian.core.events;

import dev.meridian.core.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP request that made a change (ACR webhook {@code request{id, host, method, useragent}}).
 * It travels with the change to every region — object user metadata on a manifest, a field of a
 * tag record — so a peer's event names the original request. {@code reason} is null for a
 * client's request and names the rule for a change Meridian made itself ({@code retention}),
 * so every region's webhooks say why content went (docs/retention-and-locks.md).
 */
public record EventRequest(String id, String host, String method, String userAgent,
    String reason) {
  static final String ID = "meridian-request-id";
  static final String HOST = "meridian-request-host";
  static final String METHOD = "meridian-request-method";
  static final String USER_AGENT = "meridian-request-useragent";
  static final String REASON = "meridian-request-reason";
  private static final int MAX_VALUE = 256;

  public EventRequest {
    id = clean(id);
    host = clean(host);
    method = clean(method);
    userAgent = clean(userAgent);
    reason = clean(reason);
  }

  /** A client's request (no reason). */
  public EventRequest(String id, String host, String method, String userAgent) {
    this(id, host, method, userAgent, null);
  }

  /** The same request, marked as a change made by Meridian for {@code why}. */
  public EventRequest because(String why) {
    return new EventRequest(id, host, method, userAgent, why);
  }

  /** The request's {@code X-Request-Id} (a generated UUID when absent), host, method, agent. */
  public static EventRequest from(HttpRequest request) {
    String id = request.header("X-Request-Id");
    return new EventRequest(id == null || id.isBlank() ? UUID.randomUUID().toString() : id,
        request.host(), request.method(), request.header("User-Agent"));
  }

  /** As S3 user metadata (absent values left out). */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new HashMap<>();
    putIfSet(m, ID, id);
    putIfSet(m, HOST, host);
    putIfSet(m, METHOD, method);
    putIfSet(m, USER_AGENT, userAgent);
    putIfSet(m, REASON, reason);
    return m;
  }

  /** Read back from user metadata; null when the object carries no request. */
  public static EventRequest fromMetadata(Map<String, String> metadata) {
    if (!metadata.containsKey(ID)) {
      return null;
    }
    return new EventRequest(metadata.get(ID), metadata.get(HOST), metadata.get(METHOD),
        metadata.get(USER_AGENT), metadata.get(REASON));
  }

  private static void putIfSet(Map<String, String> m, String name, String value) {
    if (value != null) {
      m.put(name, value);
    }
  }

  /** S3 user metadata is US-ASCII and bounded: keep printable ASCII, at most 256 characters. */
  private static String clean(String value) {
    if (value == null) {
      return null;
    }
    String ascii = value.replaceAll("[^\\x20-\\x7e]", "?");
    return ascii.length() > MAX_VALUE ? ascii.substring(0, MAX_VALUE) : ascii;
  }
}
