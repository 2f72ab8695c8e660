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
 * outage of the audit table must not stop pulls (an SRE alarms on the log line instead). Pull
 * records go to a {@link BackgroundAuditWriter} when there is one (the pull does not wait for
 * the audit table); every other record is appended before the response is returned.
 */
public final class AuditingHttpHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(AuditingHttpHandler.class.getName());

  private final HttpHandler inner;
  private final AuditClassifier classifier;
  private final AuditLog log;
  private final BackgroundAuditWriter pulls;

  /** Appends every record inline, pulls too (AWS Lambda: no thread runs between requests). */
  public AuditingHttpHandler(HttpHandler inner, AuditClassifier classifier, AuditLog log) {
    this(inner, classifier, log, null);
  }

  /** @param pulls where pull records go; null: appended inline like the others */
  public AuditingHttpHandler(HttpHandler inner, AuditClassifier classifier, AuditLog log,
      BackgroundAuditWriter pulls) {
    this.inner = inner;
    this.classifier = classifier;
    this.log = log;
    this.pulls = pulls;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    HttpResponse response = inner.handle(request);
    try {
      classifier.classify(request, response.status(),
          response.headers().first("Docker-Content-Digest")).ifPresent(this::record);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "audit record of " + LogText.escape(request.method() + " "
          + request.path()) + " not written: " + e);
    }
    return response;
  }

  private void record(AuditEntry entry) {
    if (pulls != null && AuditClassifier.PULL.equals(entry.action())) {
      pulls.submit(entry);
    } else {
      log.append(entry);
    }
  }
}
