package dev.meridian.local.start;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What the training start of {@link FastStartBuild} is asked before it stops, so that the
 * archive holds the classes of a first client's requests too: the {@code /v2/} challenge, a token,
 * a push (two monolithic blob uploads and a manifest) and a pull (the manifest, and a blob through
 * the redirect to s3proxy). An unexpected status fails the training: the archive would miss the
 * classes of the path that failed, and the build says so.
 */
final class TrainingRequests {

  private static final String REPO = "training/start";
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  private final HttpClient client = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI region;
  private final String basic;

  TrainingRequests(URI region, String user, String password) {
    this.region = region;
    this.basic = "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  void run() throws Exception {
    expect(401, send("GET", "/v2/", null, null, false));
    expect(200, send("GET", "/v2/", null, null, true));
    expect(200, send("GET", "/meridian/v1/token?scope=repository:" + REPO + ":pull,push", null,
        null, true));
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = "the layer of the training start".getBytes(StandardCharsets.UTF_8);
    for (byte[] blob : new byte[][] {config, layer}) {
      expect(201, send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + digest(blob), blob,
          "application/octet-stream", true));
    }
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest(layer)
        + "\",\"size\":" + layer.length + "}]}";
    expect(201, send("PUT", "/v2/" + REPO + "/manifests/v1",
        manifest.getBytes(StandardCharsets.UTF_8), MANIFEST_TYPE, true));
    expect(200, send("GET", "/v2/" + REPO + "/manifests/v1", null, null, true));
    HttpResponse<Void> blob = send("GET", "/v2/" + REPO + "/blobs/" + digest(layer), null, null,
        true);
    if (blob.statusCode() == 307) { // the default redirect delivery: the presigned s3proxy URL
      String location = blob.headers().firstValue("Location").orElseThrow();
      expect(200, client.send(HttpRequest.newBuilder(region.resolve(location)).GET().build(),
          BodyHandlers.discarding()));
    } else {
      expect(200, blob);
    }
  }

  private HttpResponse<Void> send(String method, String path, byte[] body, String type,
      boolean authorized) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(region.resolve(path)).method(method,
        body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    if (authorized) {
      b.header("Authorization", basic);
    }
    if (type != null) {
      b.header("Content-Type", type);
    }
    return client.send(b.build(), BodyHandlers.discarding());
  }

  private static void expect(int status, HttpResponse<Void> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("training request " + response.request().method() + " "
          + response.uri() + " answered " + response.statusCode() + ", expected " + status);
    }
  }

  private static String digest(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
