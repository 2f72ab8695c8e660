package dev.meridian.local.metrics;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * {@code GET /metrics} on every regional port of the local runtime: Prometheus's text format
 * (version 0.0.4). Open by default, as Prometheus's own exporters are on a private network; with
 * {@code MERIDIAN_METRICS_TOKEN} set, a scrape must send {@code Authorization: Bearer <token>}
 * (Prometheus's {@code authorization} / {@code bearer_token} scrape settings) and gets 401 with a
 * {@code WWW-Authenticate: Bearer} challenge otherwise.
 */
public final class MetricsEndpoint {
  public static final String PATH = "/metrics";
  private final MicrometerMetrics metrics;
  private final String token; // null: open

  public MetricsEndpoint(MicrometerMetrics metrics, String token) {
    this.metrics = metrics;
    this.token = token == null || token.isBlank() ? null : token;
  }

  /** Null when {@code request} is not a scrape; else the answer. */
  public HttpResponse handle(HttpRequest request) {
    if (!request.path().equals(PATH)) {
      return null;
    }
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      throw new RegistryException(ErrorKind.METHOD_NOT_ALLOWED,
          "method not allowed: " + request.method());
    }
    if (token != null && !authorized(request.header("Authorization"))) {
      throw new RegistryException(ErrorKind.UNAUTHORIZED, "metrics need a bearer token",
          null, Map.of("WWW-Authenticate", "Bearer realm=\"meridian-metrics\""));
    }
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders()
        .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .set("Cache-Control", "no-store");
    return new HttpResponse(200, headers,
        request.method().equals("HEAD") ? ResponseBody.empty() : ResponseBody.of(body));
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }
}
