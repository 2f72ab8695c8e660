package dev.meridian.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What API Gateway's HTTP API hands a Lambda integration (payload format 2.0) and how it reads
 * the answer, as the AWS Developer Guide ("Working with AWS Lambda proxy integrations for HTTP
 * APIs") describes: header names lower-cased, repeated headers joined with commas, cookies in
 * their own array, query parameters decoded with repeats joined by commas next to the raw query
 * string, the body base64-encoded, the caller's address in {@code requestContext.http.sourceIp}.
 */
final class ApiGatewayEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ApiGatewayEvents() {}

  static byte[] event(HttpRequest request, byte[] body, HttpApiRoutes.Match match, Instant now) {
    ObjectNode e = JSON.createObjectNode();
    e.put("version", "2.0");
    e.put("routeKey", match.route().routeKey());
    String rawPath = RawPaths.encode(request.path());
    e.put("rawPath", rawPath);
    e.put("rawQueryString", request.rawQuery());
    ObjectNode headers = e.putObject("headers");
    ArrayNode cookies = JSON.createArrayNode();
    String sourceIp = "127.0.0.1";
    for (Map.Entry<String, List<String>> h : request.headers().asMap().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals(AccessGate.CLIENT_ADDRESS.toLowerCase(Locale.ROOT))) {
        sourceIp = h.getValue().get(0); // the connection's address, set by the front
      } else if (name.equals("cookie")) {
        for (String v : h.getValue()) {
          for (String c : v.split(";\\s*")) {
            cookies.add(c);
          }
        }
      } else {
        headers.put(name, String.join(",", h.getValue()));
      }
    }
    if (!cookies.isEmpty()) {
      e.set("cookies", cookies);
    }
    Map<String, List<String>> params = request.queryParameters();
    if (!params.isEmpty()) {
      ObjectNode q = e.putObject("queryStringParameters");
      params.forEach((k, v) -> q.put(k, String.join(",", v)));
    }
    ObjectNode context = e.putObject("requestContext");
    context.put("accountId", "123456789012");
    context.put("apiId", "meridianlocal");
    context.put("domainName", request.host());
    context.put("domainPrefix", request.host().split("[.:]", 2)[0]);
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", rawPath);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", sourceIp);
    http.put("userAgent", request.header("User-Agent") == null ? "" : request.header("User-Agent"));
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", match.route().routeKey());
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    if (match.proxy() != null) {
      e.putObject("pathParameters").put(match.route().variable(), match.proxy());
    }
    if (body.length > 0) {
      e.put("body", Base64.getEncoder().encodeToString(body));
      e.put("isBase64Encoded", true);
    } else {
      e.put("isBase64Encoded", false);
    }
    try {
      return JSON.writeValueAsBytes(e);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * The function's answer as API Gateway turns it into an HTTP response: {@code statusCode},
   * {@code headers} (comma-joined values), {@code multiValueHeaders}, {@code cookies} as {@code
   * Set-Cookie}, the body base64-decoded when {@code isBase64Encoded}.
   */
  static HttpResponse response(byte[] json, boolean head) throws IOException {
    JsonNode r = JSON.readTree(json);
    if (!r.has("statusCode")) {
      throw new IOException("not an HTTP API response (no statusCode)");
    }
    HttpHeaders headers = new HttpHeaders();
    r.path("headers").fields().forEachRemaining(h -> headers.set(h.getKey(), h.getValue().asText()));
    r.path("multiValueHeaders").fields().forEachRemaining(h -> {
      headers.remove(h.getKey());
      h.getValue().forEach(v -> headers.add(h.getKey(), v.asText()));
    });
    r.path("cookies").forEach(c -> headers.add("Set-Cookie", c.asText()));
    String text = r.path("body").asText("");
    byte[] body = r.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
        : text.getBytes(StandardCharsets.UTF_8);
    if (!head) {
      headers.remove("Content-Length"); // API Gateway sends the length of the body it sends
    }
    return new HttpResponse(r.path("statusCode").asInt(200), headers,
        head ? ResponseBody.empty() : ResponseBody.of(body));
  }

  /** API Gateway's own error answers: a JSON {@code message}, never an OCI error body. */
  static HttpResponse gatewayError(int status, String message) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("apigw-requestid", UUID.randomUUID().toString());
    return new HttpResponse(status, headers, ResponseBody.of(("{\"message\":\"" + message + "\"}")
        .getBytes(StandardCharsets.UTF_8)));
  }

  /** Re-encodes a decoded path as a client would have sent it (RFC 3986 path characters kept). */
  static final class RawPaths {
    private RawPaths() {}

    static String encode(String path) {
      StringBuilder out = new StringBuilder(path.length());
      for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if (isPathChar(c)) {
          out.append((char) c);
        } else {
          out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
      }
      return out.toString();
    }

    private static boolean isPathChar(int c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }
  }
}
