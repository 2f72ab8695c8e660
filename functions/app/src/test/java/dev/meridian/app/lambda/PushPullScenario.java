package dev.meridian.app.lambda;

import static dev.meridian.app.lambda.ApiGatewayPushPullTest.digest;
import static dev.meridian.app.lambda.ApiGatewayPushPullTest.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The push/pull scenario every Lambda-path test runs, whatever stores sit behind the functions
 * (s3proxy + DynamoDB Local in-JVM, LocalStack under Docker): a 3-layer image through API Gateway
 * v2 events only — a layer in two PATCHes (3 MiB + 2.5 MiB, so the core buffers a tail), one in
 * one PATCH, one as the final chunk of the PUT, the config monolithic — then the manifest as a
 * text body, read back by tag, by percent-encoded digest and with HEAD, and every blob as a 307
 * whose presigned URL is fetched over HTTP and compared byte for byte.
 */
final class PushPullScenario {

  private final LambdaHarness push;
  private final LambdaHarness pull;
  private final String repo;

  PushPullScenario(LambdaHarness push, LambdaHarness pull, String repo) {
    this.push = push;
    this.pull = pull;
    this.repo = repo;
  }

  void threeLayerImage() throws Exception {
    byte[] chunked = random(1, 5 * 1024 * 1024 + 512 * 1024);
    byte[] single = random(2, 1024 * 1024 + 17);
    byte[] small = random(3, 100_003);
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
        .getBytes(StandardCharsets.UTF_8);

    uploadInChunks(chunked, 3 * 1024 * 1024);
    uploadInChunks(single, single.length);
    String session = startSession();
    Response put = ApiGatewayEvents.send(push, "PUT", session + sep(session) + "digest="
        + digest(small), Map.of("Content-Type", "application/octet-stream"), small);
    assertThat(put.status()).as(put.text()).isEqualTo(201);
    Response monolithic = ApiGatewayEvents.send(push, "POST",
        "/v2/" + repo + "/blobs/uploads/?digest=" + digest(config),
        Map.of("Content-Type", "application/octet-stream"), config);
    assertThat(monolithic.status()).as(monolithic.text()).isEqualTo(201);

    byte[] manifest = manifest(config, chunked, single, small);
    Response manifestPut = ApiGatewayEvents.read(push.invoke(ApiGatewayEvents.event("PUT",
        "/v2/" + repo + "/manifests/v1",
        ApiGatewayEvents.signedIn(Map.of("Content-Type",
            "application/vnd.oci.image.manifest.v1+json")), manifest, false)));
    assertThat(manifestPut.status()).as(manifestPut.text()).isEqualTo(201);
    assertThat(manifestPut.header("Docker-Content-Digest")).isEqualTo(digest(manifest));

    Response byTag = get("/v2/" + repo + "/manifests/v1");
    assertThat(byTag.status()).isEqualTo(200);
    assertThat(byTag.body()).isEqualTo(manifest);
    assertThat(byTag.base64()).isTrue();
    Response byDigest = get("/v2/" + repo + "/manifests/" + digest(manifest).replace(":", "%3A"));
    assertThat(byDigest.body()).isEqualTo(manifest);
    Response head = ApiGatewayEvents.send(pull, "HEAD", "/v2/" + repo + "/manifests/v1",
        Map.of("Accept", "application/vnd.oci.image.manifest.v1+json"), null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(manifest.length));

    HttpClient http = HttpClient.newHttpClient();
    for (byte[] blob : List.of(config, chunked, single, small)) {
      Response redirect = get("/v2/" + repo + "/blobs/" + digest(blob));
      assertThat(redirect.status()).isEqualTo(307);
      byte[] fetched = http.send(java.net.http.HttpRequest.newBuilder(
          URI.create(redirect.header("Location"))).build(), BodyHandlers.ofByteArray()).body();
      assertThat(digest(fetched)).isEqualTo(digest(blob));
      assertThat(Arrays.equals(fetched, blob)).isTrue();
    }
  }

  String startSession() {
    Response started = ApiGatewayEvents.send(push, "POST", "/v2/" + repo + "/blobs/uploads/",
        Map.of(), null);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    return started.header("Location");
  }

  private void uploadInChunks(byte[] blob, int chunkSize) {
    String location = startSession();
    for (int from = 0; from < blob.length; from += chunkSize) {
      int to = Math.min(blob.length, from + chunkSize);
      Response patched = ApiGatewayEvents.send(push, "PATCH", location, Map.of(
          "Content-Type", "application/octet-stream",
          "Content-Range", from + "-" + (to - 1)), Arrays.copyOfRange(blob, from, to));
      assertThat(patched.status()).as(patched.text()).isEqualTo(202);
      assertThat(patched.header("Range")).isEqualTo("0-" + (to - 1));
      location = patched.header("Location");
    }
    Response put = ApiGatewayEvents.send(push, "PUT", location + sep(location) + "digest="
        + digest(blob), Map.of(), null);
    assertThat(put.status()).as(put.text()).isEqualTo(201);
    assertThat(put.header("Docker-Content-Digest")).isEqualTo(digest(blob));
  }

  private Response get(String target) {
    return ApiGatewayEvents.send(pull, "GET", target,
        Map.of("Accept", "application/vnd.oci.image.manifest.v1+json"), null);
  }

  private static String sep(String location) {
    return location.contains("?") ? "&" : "?";
  }

  private static byte[] manifest(byte[] config, byte[]... layers) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest(config)
        + "\",\"size\":" + config.length + "},\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"mediaType\":")
          .append("\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
          .append(digest(layers[i])).append("\",\"size\":").append(layers[i].length).append('}');
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
