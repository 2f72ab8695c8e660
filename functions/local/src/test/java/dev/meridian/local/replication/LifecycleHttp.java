package dev.meridian.local.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.local.TestAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The lifecycle admin API and raw manifest PUTs (whose refusals the tests look at), as admin. */
final class LifecycleHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private LifecycleHttp() {}

  static HttpResponse<String> admin(URI region, String method, String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(region + "/meridian/v1/" + path))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build());
  }

  /** Pushes a one-layer image's blobs, then PUTs its manifest under {@code tag}; the PUT's answer. */
  static HttpResponse<String> putImage(URI region, String repo, String tag, String content) {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"id\":\"" + content + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + content).getBytes(StandardCharsets.UTF_8);
    String configDigest = OciHttpClient.pushBlob(region, repo, config);
    String layerDigest = OciHttpClient.pushBlob(region, repo, layer);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OciHttpClient.OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
        + "\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{"
        + "\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
        + layerDigest + "\",\"size\":" + layer.length + "}]}";
    return send(HttpRequest.newBuilder(region.resolve("/v2/" + repo + "/manifests/" + tag))
        .header("Content-Type", OciHttpClient.OCI_MANIFEST)
        .PUT(BodyPublishers.ofString(manifest)).build());
  }

  /** The digest {@code tag} resolves to in {@code region}, or {@code HTTP <status>}. */
  static String resolve(URI region, String repo, String tag) {
    HttpResponse<byte[]> m = OciHttpClient.getManifest(region, repo, tag);
    return m.statusCode() == 200 ? OciHttpClient.digest(m.body()) : "HTTP " + m.statusCode();
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(TestAdmin.signed(request), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
