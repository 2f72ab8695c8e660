package dev.meridian.core.audit;

import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.LogText;
import java.lang.System.Logger.Level;

/**
 * The audit hook at the API's edge: every request passes through, and those the {@link
 * AuditClassifier} names are appended to the {@link AuditLog} once the response is decided,
 * with the outcome the caller got. A failed append is logged and does not fail the request: an
 * outage of the audit table must not stop pulls (an SRE alarms on the log line instead).
 */
public final class AuditingHttpHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(AuditingHttpHandler.class.getName());

  private final HttpHandler inner;
  private final AuditClassifier classifier;
  private final AuditLog log;

  public AuditingHttpHandler(HttpHandler inner, AuditClassifier classifier, AuditLog log) {
    this.inner = inner;
    this.classifier = classifier;
    this.log = log;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    HttpResponse response = inner.handle(request);
    try {
      classifier.classify(request, response.status(),
          response.headers().first("Docker-Content-Digest")).ifPresent(log::append);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "audit record of " + LogText.escape(request.method() + " "
          + request.path()) + " not written: " + e);
    }
    return response;
  }
}
