package dev.meridian.local.metrics;

import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.metrics.GlobalMetrics;
import dev.meridian.core.metrics.RequestRecord;
import dev.meridian.core.metrics.RouteTemplates;
import dev.meridian.local.logging.RequestLineLayout;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The local runtime's request observation (docs/operations.md): every request served by a
 * regional front is measured ({@code meridian.http.*}) and logged as one line on logger {@code
 * dev.meridian.requests} — {@code key=value} text, or with {@code MERIDIAN_LOG_FORMAT=json} one
 * JSON object that is the whole line ({@link RequestLineLayout}) — at INFO, WARN only for a 5xx;
 * and {@code /metrics} is answered before the registry sees the request. Installed once per
 * process by the runtime ({@link #install}); absent (tests that start fronts alone), requests
 * are still logged but not measured.
 */
public final class LocalObservability {
  private static final Logger REQUESTS = LoggerFactory.getLogger("dev.meridian.requests");
  private static volatile LocalObservability installed;

  private final MetricsEndpoint endpoint;
  private final boolean json;

  private LocalObservability(MetricsEndpoint endpoint, boolean json) {
    this.endpoint = endpoint;
    this.json = json;
  }

  /**
   * Makes {@code metrics} the process's metrics ({@link GlobalMetrics}) and serves them.
   *
   * @param token {@code MERIDIAN_METRICS_TOKEN}: null or blank leaves {@code /metrics} open
   * @param logFormat {@code MERIDIAN_LOG_FORMAT}: {@code json}, else text
   */
  public static void install(MicrometerMetrics metrics, String token, String logFormat) {
    GlobalMetrics.install(metrics);
    installed = new LocalObservability(new MetricsEndpoint(metrics, token),
        "json".equalsIgnoreCase(logFormat == null ? "" : logFormat.strip()));
  }

  /** The scrape's answer when {@code request} is one (its errors in the OCI shape), else null. */
  public static HttpResponse scrape(HttpRequest request) {
    LocalObservability o = installed;
    if (o == null) {
      return null;
    }
    try {
      return o.endpoint.handle(request);
    } catch (RegistryException e) {
      return RegistryHttpApi.errorResponse(e, request.method());
    }
  }

  /** Logs and measures one answered request of {@code region}'s front. */
  public static void served(String region, HttpRequest request, HttpResponse response,
      long startNanos, long bytesIn) {
    LocalObservability o = installed;
    long bytesOut = request.method().equals("HEAD") ? 0 : response.body().length();
    RequestRecord record = new RequestRecord(region, request.method(),
        RouteTemplates.of(request.path()), response.status(),
        Duration.ofNanos(System.nanoTime() - startNanos), bytesIn, bytesOut,
        CallerName.of(request));
    if (o != null) {
      record.report(GlobalMetrics.get());
    }
    if (o != null && o.json) { // a whole line of JSON, its time and level inside
      REQUESTS.atLevel(record.warning() ? Level.WARN : Level.INFO)
          .addMarker(RequestLineLayout.JSON_DOCUMENT).log(record.json(Instant.now()));
    } else if (record.warning()) {
      REQUESTS.warn(record.text());
    } else {
      REQUESTS.info(record.text());
    }
  }
}
