package dev.meridian.local.replication;

import dev.meridian.local.TestAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A minimal OCI distribution client over real HTTP, for the end-to-end replication tests. */
final class OciHttpClient {

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private OciHttpClient() {}

  /** A pushed image: its manifest digest and the digests of its config and layer. */
  record Image(String digest, List<String> blobs) {}

  /** Pushes a config and one layer (both unique to {@code content}) and tags the manifest. */
  static Image pushImage(URI region, String repo, String tag, String content) {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"id\":\"" + content + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + content).getBytes(StandardCharsets.UTF_8);
    String configDigest = pushBlob(region, repo, config);
    String layerDigest = pushBlob(region, repo, layer);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layer.length + "}]}";
    HttpResponse<String> put = send(HttpRequest.newBuilder(
            region.resolve("/v2/" + repo + "/manifests/" + tag))
        .header("Content-Type", OCI_MANIFEST)
        .PUT(BodyPublishers.ofString(manifest)).build());
    assertThat(put.statusCode()).as("manifest PUT %s: %s", tag, put.body()).isEqualTo(201);
    String digest = digest(manifest.getBytes(StandardCharsets.UTF_8));
    return new Image(digest, List.of(configDigest, layerDigest));
  }

  /** Monolithic upload: {@code POST /blobs/uploads/?digest=} with the bytes. */
  static String pushBlob(URI region, String repo, byte[] bytes) {
    String digest = digest(bytes);
    HttpResponse<String> r = send(HttpRequest.newBuilder(
            region.resolve("/v2/" + repo + "/blobs/uploads/?digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .POST(BodyPublishers.ofByteArray(bytes)).build());
    assertThat(r.statusCode()).as("blob upload: %s", r.body()).isEqualTo(201);
    return digest;
  }

  static HttpResponse<byte[]> getManifest(URI region, String repo, String reference) {
    return sendBytes(HttpRequest.newBuilder(
        region.resolve("/v2/" + repo + "/manifests/" + reference))
        .header("Accept", OCI_MANIFEST).build());
  }

  /** {@code DELETE /v2/<repo>/manifests/<reference>}: the status code. */
  static int deleteManifest(URI region, String repo, String reference) {
    return send(HttpRequest.newBuilder(region.resolve("/v2/" + repo + "/manifests/" + reference))
        .DELETE().build()).statusCode();
  }

  static HttpResponse<byte[]> getBlob(URI region, String repo, String digest) {
    return sendBytes(HttpRequest.newBuilder(region.resolve("/v2/" + repo + "/blobs/" + digest))
        .build());
  }

  /** The tags of {@code repo} in {@code region}; empty when the repository is unknown there. */
  static List<String> tags(URI region, String repo) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(
        region.resolve("/v2/" + repo + "/tags/list")).build());
    List<String> tags = new ArrayList<>();
    if (r.statusCode() == 200) {
      readTree(r.body()).path("tags").forEach(t -> tags.add(t.asText()));
    }
    return tags;
  }

  /** Config and layer digests a manifest references. */
  static List<String> referencedBlobs(byte[] manifest) {
    JsonNode root = readTree(new String(manifest, StandardCharsets.UTF_8));
    List<String> blobs = new ArrayList<>();
    blobs.add(root.path("config").path("digest").asText());
    root.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
    return blobs;
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(TestAdmin.signed(request), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<byte[]> sendBytes(HttpRequest request) {
    try {
      return CLIENT.send(TestAdmin.signed(request), BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
