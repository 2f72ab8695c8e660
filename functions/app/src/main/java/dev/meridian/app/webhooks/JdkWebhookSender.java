package dev.meridian.app.webhooks;

import dev.meridian.core.webhooks.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * {@link WebhookSender} on the JDK's {@code java.net.http.HttpClient}: redirects are never followed
 * (a redirect could lead to an address the region refuses — the SSRF guard checks only the
 * configured URI), the wait for the answer is bounded by the request's timeout, and the answer's
 * body is never read: only its status, {@code Retry-After}, media type and declared length are
 * reported, and failures in fixed words — the JDK's own messages may quote what a non-HTTP service
 * sent. Closing the unread body drops the connection, which also means a
 * receiver cannot hold a lane by trickling a body.
 */
public final class JdkWebhookSender implements WebhookSender {
  private final HttpClient client;

  public JdkWebhookSender(Duration connectTimeout) {
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  @Override
  public Response send(Request request) {
    long t0 = System.nanoTime();
    HttpRequest built;
    try {
      HttpRequest.Builder http = HttpRequest.newBuilder(request.uri())
          .timeout(request.timeout())
          .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
      request.headers().forEach(http::header);
      built = http.build();
    } catch (IllegalArgumentException e) { // a header name or value the JDK refuses
      return Response.failed(Duration.ZERO, "the HTTP client refused the request's headers");
    }
    try {
      HttpResponse<InputStream> r = client.send(built, HttpResponse.BodyHandlers.ofInputStream());
      r.body().close();
      HttpHeaders h = r.headers();
      return new Response(r.statusCode(), h.firstValue("Retry-After").orElse(null),
          h.firstValue("Content-Type").orElse(null), h.firstValueAsLong("Content-Length")
          .orElse(-1), elapsed(t0), null);
    } catch (IOException e) {
      return Response.failed(elapsed(t0), describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.failed(elapsed(t0), "interrupted");
    }
  }

  /** Fixed words per failure kind: exception messages can carry the peer's bytes. */
  static String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within the timeout";
    }
    if (e instanceof ConnectException) {
      return "connection failed (refused or unreachable)";
    }
    if (e instanceof SSLException) {
      return "TLS handshake or session failed";
    }
    if (e instanceof java.net.ProtocolException) {
      return "the answer is not HTTP";
    }
    return "I/O error (" + e.getClass().getSimpleName() + ")";
  }

  private static Duration elapsed(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
