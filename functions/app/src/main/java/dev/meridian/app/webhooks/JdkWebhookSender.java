package dev.meridian.app.webhooks;

import dev.meridian.core.webhooks.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link WebhookSender} on the JDK's {@code java.net.http.HttpClient}: redirects are never followed
 * (a redirect could lead to an address the region refuses — the SSRF guard checks only the
 * configured URI), the whole exchange is bounded by the request's timeout, and only the first
 * 4 KiB of the response body is kept (history shows it; a receiver cannot fill the table).
 */
public final class JdkWebhookSender implements WebhookSender {
  private static final int KEPT_BODY = 4096;
  private final HttpClient client;

  public JdkWebhookSender(Duration connectTimeout) {
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  @Override
  public Response send(Request request) {
    HttpRequest.Builder http = HttpRequest.newBuilder(request.uri())
        .timeout(request.timeout())
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(http::header);
    long t0 = System.nanoTime();
    try {
      HttpResponse<InputStream> r = client.send(http.build(),
          HttpResponse.BodyHandlers.ofInputStream());
      String body;
      try (InputStream in = r.body()) {
        body = new String(in.readNBytes(KEPT_BODY), StandardCharsets.UTF_8);
      }
      return new Response(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
          body, Duration.ofNanos(System.nanoTime() - t0), null);
    } catch (IOException e) {
      return new Response(-1, null, null, Duration.ofNanos(System.nanoTime() - t0),
          e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, null, null, Duration.ofNanos(System.nanoTime() - t0),
          "interrupted");
    }
  }
}
