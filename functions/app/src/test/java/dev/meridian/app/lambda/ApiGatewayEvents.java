package dev.meridian.app.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * API Gateway HTTP API (payload 2.0) events made from the real event in {@code
 * events/apigw-v2-http-request.json} — only method, route, path, query, headers and body change —
 * sent through a {@link LambdaHarness}, and the response JSON read back.
 */
final class ApiGatewayEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] TEMPLATE = LambdaHarness.resource("apigw-v2-http-request.json");

  record Response(int status, Map<String, String> headers, byte[] body, boolean base64) {
    String header(String name) {
      return headers.get(name);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private ApiGatewayEvents() {}

  /**
   * An event for {@code method target}; {@code target} is a path with an optional query. A
   * non-null {@code body} goes base64-encoded, as API Gateway sends binary media.
   */
  static byte[] event(String method, String target, Map<String, String> headers, byte[] body,
      boolean base64) {
    ObjectNode event;
    try {
      event = (ObjectNode) JSON.readTree(TEMPLATE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    String route = method + (path.startsWith("/v2") ? " /v2/{proxy+}" : " /meridian/v1/{proxy+}");
    event.put("routeKey", route);
    event.put("rawPath", path);
    event.put("rawQueryString", query);
    ObjectNode h = (ObjectNode) event.get("headers");
    h.remove("content-length");
    h.remove("content-type");
    headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
    event.remove("pathParameters");
    ObjectNode context = (ObjectNode) event.get("requestContext");
    context.put("routeKey", route);
    ((ObjectNode) context.get("http")).put("method", method).put("path", path);
    if (body == null) {
      event.remove("body");
      event.put("isBase64Encoded", false);
    } else {
      h.put("content-length", Integer.toString(body.length));
      event.put("body", base64 ? Base64.getEncoder().encodeToString(body)
          : new String(body, StandardCharsets.UTF_8));
      event.put("isBase64Encoded", base64);
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends as the bootstrap admin (HTTP Basic) unless {@code headers} carry an Authorization. */
  static Response send(LambdaHarness function, String method, String target,
      Map<String, String> headers, byte[] body) {
    return read(function.invoke(event(method, target, signedIn(headers), body, true)));
  }

  /** Sends with {@code headers} only: no credentials unless they carry them. */
  static Response sendAnonymous(LambdaHarness function, String method, String target,
      Map<String, String> headers, byte[] body) {
    return read(function.invoke(event(method, target, headers, body, true)));
  }

  /** {@code headers} plus the bootstrap admin's Basic credentials, unless they carry some. */
  static Map<String, String> signedIn(Map<String, String> headers) {
    if (headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase)) {
      return headers;
    }
    Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(headers);
    all.put("Authorization", basic("admin", TestRegions.ADMIN_PASSWORD));
    return all;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static Response read(byte[] output) {
    JsonNode json;
    try {
      json = JSON.readTree(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Iterator<Map.Entry<String, JsonNode>> it = json.path("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      headers.put(e.getKey(), e.getValue().asText());
    }
    boolean base64 = json.path("isBase64Encoded").asBoolean(false);
    String body = json.path("body").asText("");
    return new Response(json.path("statusCode").asInt(-1), headers,
        base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8), base64);
  }
}
