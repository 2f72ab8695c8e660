package dev.meridian.app.lambda;

import dev.meridian.app.metrics.EmfMetrics;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.metrics.GlobalMetrics;
import dev.meridian.core.metrics.Metrics;
import dev.meridian.core.metrics.RequestRecord;
import dev.meridian.core.metrics.RouteTemplates;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * One line per request of the HTTP functions (docs/operations.md "Logs"). On Lambda it is an
 * Embedded Metric Format document ({@link EmfMetrics#request}): the structured log line and the
 * {@code meridian.http.*} metrics at once. Elsewhere (the local runtime's {@code --front lambda})
 * the JSON line goes to the log and the metrics to the process's registry. INFO, WARN for a 5xx.
 */
final class LambdaRequests {
  private static final System.Logger LOG = System.getLogger("dev.meridian.requests");

  private LambdaRequests() {}

  /** {@code request} null: the event could not be read (its answer is already an error). */
  static void served(String region, HttpRequest request, String method, String rawPath,
      HttpResponse response, long startNanos) {
    long bytesIn = request == null ? 0 : Math.max(0, request.contentLength());
    long bytesOut = "HEAD".equals(method) ? 0 : response.body().length();
    RequestRecord record = new RequestRecord(region, method,
        RouteTemplates.of(request == null ? rawPath : request.path()), response.status(),
        Duration.ofNanos(System.nanoTime() - startNanos), bytesIn, bytesOut,
        request == null ? "" : CallerName.of(request));
    Metrics metrics = GlobalMetrics.get();
    if (metrics instanceof EmfMetrics emf) {
      emf.request(record);
      return;
    }
    record.report(metrics);
    LOG.log(record.warning() ? Level.WARNING : Level.INFO, record.json());
  }
}
