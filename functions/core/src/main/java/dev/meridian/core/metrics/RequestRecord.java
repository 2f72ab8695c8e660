package dev.meridian.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.LogText;
import java.time.Duration;
import java.time.Instant;

/**
 * One served request, as the fronts log and measure it: one line per request ({@link #text} or,
 * with the JSON option, {@link #json}) and the {@code meridian.http.*} metrics ({@link #report}).
 *
 * @param route the route template ({@link RouteTemplates}), never the raw path
 * @param account the authenticated account, "" when anonymous or unauthenticated
 * @param bytesIn request body bytes; bytesOut response body bytes (-1 when unknown)
 */
public record RequestRecord(String region, String method, String route, int status,
    Duration duration, long bytesIn, long bytesOut, String account) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Whether the line is a warning: only server errors. A 401 challenge is how every Docker
   * client starts, and a 404 on a blob HEAD is how it asks whether to upload: both are normal.
   */
  public boolean warning() {
    return status >= 500;
  }

  /** {@code key=value} pairs; client-chosen values escaped ({@link LogText}). */
  public String text() {
    return "region=" + region + " method=" + LogText.escape(method) + " route=" + route
        + " status=" + status + " millis=" + duration.toMillis() + " in=" + bytesIn + " out="
        + bytesOut + " account=" + LogText.escape(account);
  }

  /** One JSON object (Jackson escapes control characters as JSON requires). */
  public String json() {
    return fields(JSON.createObjectNode()).toString();
  }

  /**
   * One JSON object that is a whole log line: {@code time} (when it is logged, UTC) and {@code
   * level} ({@code INFO}, {@code WARN} for a 5xx) first, then {@link #json}'s fields.
   */
  public String json(Instant time) {
    return fields(JSON.createObjectNode().put("time", time.toString())
        .put("level", warning() ? "WARN" : "INFO")).toString();
  }

  private ObjectNode fields(ObjectNode node) {
    return node.put("type", "request").put("region", region)
        .put("method", method).put("route", route).put("status", status)
        .put("millis", duration.toMillis()).put("bytesIn", bytesIn).put("bytesOut", bytesOut)
        .put("account", account);
  }

  /** The request's {@code meridian.http.*} measurements. */
  public void report(Metrics metrics) {
    metrics.time(MetricNames.HTTP_REQUESTS, duration, "region", region, "method", method,
        "route", route, "status", Integer.toString(status));
    if (bytesIn > 0) {
      metrics.count(MetricNames.HTTP_BYTES_IN, bytesIn, "region", region, "route", route);
    }
    if (bytesOut > 0) {
      metrics.count(MetricNames.HTTP_BYTES_OUT, bytesOut, "region", region, "route", route);
    }
  }
}
