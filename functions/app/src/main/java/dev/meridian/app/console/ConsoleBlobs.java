package dev.meridian.app.console;

import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * {@code GET /ui/api/blob?repo=…&digest=…}: a blob of at most {@value #MAX_BYTES} bytes (the
 * config viewer's image config) for a browser that cannot follow the registry's 307 to a
 * presigned object URL (another origin: the CSP and CORS forbid it). The request goes through
 * the registry's own pull route with the caller's credentials, so the gate decides exactly as for
 * {@code GET /v2/<repo>/blobs/<digest>}; a redirect is followed here, without those credentials.
 */
final class ConsoleBlobs {
  static final int MAX_BYTES = 1024 * 1024;
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

  private final HttpHandler api;

  ConsoleBlobs(HttpHandler api) {
    this.api = api;
  }

  HttpResponse fetch(HttpRequest request) {
    String repo = request.query("repo");
    String digest = request.query("digest");
    if (repo == null || !RepositoryName.isValid(repo) || digest == null || !validDigest(digest)) {
      return ConsoleAssets.plain(400, "repo and digest are required and must be valid");
    }
    HttpHeaders headers = new HttpHeaders();
    copy(request, headers, "Authorization");
    copy(request, headers, AccessGate.CLIENT_ADDRESS);
    HttpResponse response = api.handle(new HttpRequest("GET", "/v2/" + repo + "/blobs/" + digest,
        "", headers, InputStream.nullInputStream(), 0, request.host(), request.scheme()));
    if (response.status() != 307) {
      return response;
    }
    String location = response.headers().first("Location");
    try {
      java.net.http.HttpResponse<InputStream> object = CLIENT.send(java.net.http.HttpRequest
          .newBuilder(URI.create(location)).timeout(Duration.ofSeconds(20)).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = object.body()) {
        if (object.statusCode() != 200) {
          return ConsoleAssets.plain(502, "object store answered " + object.statusCode());
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          return ConsoleAssets.plain(413, "blob over " + MAX_BYTES + " bytes; pull it instead");
        }
        return new HttpResponse(200, new HttpHeaders()
            .set("Content-Type", "application/octet-stream")
            .set("Docker-Content-Digest", digest), ResponseBody.of(bytes));
      }
    } catch (IOException e) {
      return ConsoleAssets.plain(502, "object store unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ConsoleAssets.plain(503, "interrupted");
    }
  }

  private static boolean validDigest(String text) {
    try {
      Digest.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void copy(HttpRequest from, HttpHeaders to, String name) {
    String value = from.header(name);
    if (value != null) {
      to.set(name, value);
    }
  }
}
