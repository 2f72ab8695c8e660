package dev.meridian.local.e2e;

import dev.meridian.local.TestAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Plain {@code java.net.http} calls against a registry endpoint. Redirects are never followed
 * automatically: a test sees the 307 itself and follows it with {@link #follow} when it means to.
 */
final class PlainHttp {

  static final String MANIFEST_ACCEPT = String.join(", ",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final URI endpoint;

  PlainHttp(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** A request builder for {@code endpoint + pathAndQuery} (or an absolute URL) with a timeout. */
  HttpRequest.Builder request(String pathOrUrl) {
    URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : endpoint.resolve(pathOrUrl);
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", TestAdmin.BASIC);
  }

  HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder builder = request(path).GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return send(builder.build());
  }

  HttpResponse<byte[]> head(String path) {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  /**
   * Follows one 307/302 by hand, re-sending the given headers (e.g. Range) but never
   * Authorization — what careful clients do for presigned URLs (docs/architecture.md "Measured
   * facts", renovate#3877).
   */
  HttpResponse<byte[]> follow(HttpResponse<byte[]> redirect, String... headers) {
    String location = redirect.headers().firstValue("Location")
        .orElseThrow(() -> new AssertionError("redirect without Location: " + redirect));
    URI target = redirect.uri().resolve(location);
    HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(TIMEOUT).GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return send(builder.build());
  }

  /** GET, following a redirect if the registry answers with one: the blob's bytes either way. */
  HttpResponse<byte[]> getFollowing(String path, String... headers) {
    HttpResponse<byte[]> response = get(path, headers);
    int status = response.statusCode();
    return status == 307 || status == 302 || status == 303 ? follow(response, headers) : response;
  }

  static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(OciLayoutBuilder.sha256().digest(bytes));
  }

  static String describe(HttpResponse<byte[]> response) {
    String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    return response.request().method() + " " + response.uri() + " → " + response.statusCode()
        + " " + response.headers().map() + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
  }
}
