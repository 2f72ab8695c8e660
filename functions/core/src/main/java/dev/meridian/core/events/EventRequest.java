package dev.meridian.core.events;

import dev.meridian.core.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP request that made a change (ACR webhook {@code request{id, host, method, useragent}}).
 * It travels with the change to every region — object user metadata on a manifest, a field of a
 * tag record — so a peer's event names the original request.
 */
public record EventRequest(String id, String host, String method, String userAgent) {
  static final String ID = "meridian-request-id";
  static final String HOST = "meridian-request-host";
  static final String METHOD = "meridian-request-method";
  static final String USER_AGENT = "meridian-request-useragent";
  private static final int MAX_VALUE = 256;

  public EventRequest {
    id = clean(id);
    host = clean(host);
    method = clean(method);
    userAgent = clean(userAgent);
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
    return m;
  }

  /** Read back from user metadata; null when the object carries no request. */
  public static EventRequest fromMetadata(Map<String, String> metadata) {
    if (!metadata.containsKey(ID)) {
      return null;
    }
    return new EventRequest(metadata.get(ID), metadata.get(HOST), metadata.get(METHOD),
        metadata.get(USER_AGENT));
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
