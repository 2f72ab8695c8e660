package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pullHttp} and {@code pushHttp} through {@code FunctionInvoker}, fed API Gateway v2 event
 * JSON, on s3proxy and DynamoDB Local: a 3-layer image pushed and pulled byte-exact using only
 * Lambda events (chunked, single-PATCH, PUT-with-final-chunk and monolithic uploads; manifest by
 * tag and by percent-encoded digest; blob GETs as 307s to presigned URLs fetched over HTTP), and
 * the AWS path's own rules: the 4 MiB body limit and the chunk size it advertises.
 */
class ApiGatewayPushPullTest {

  static final String REPO = "lambda/app";
  static LambdaHarness pull;
  static LambdaHarness push;

  @BeforeAll
  static void start() {
    TestRegions.Region east = TestRegions.create("eastus", "aa");
    Map<String, String> properties = TestRegions.properties(east, List.of());
    pull = LambdaHarness.start(LambdaFunctions.PULL_HTTP, properties);
    push = LambdaHarness.start(LambdaFunctions.PUSH_HTTP, properties);
  }

  @Test
  void pushAndPull_threeLayerImage_throughApiGatewayEvents_byteExact() throws Exception {
    byte[] chunked = random(1, 5 * 1024 * 1024 + 512 * 1024); // two PATCHes: 3 MiB + 2.5 MiB
    byte[] single = random(2, 1024 * 1024 + 17);                // one PATCH
    byte[] small = random(3, 100_003);                          // final chunk in the PUT
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
        .getBytes(StandardCharsets.UTF_8);

    uploadInChunks(chunked, 3 * 1024 * 1024);
    uploadInChunks(single, single.length);
    String session = startSession();
    Response put = ApiGatewayEvents.send(push, "PUT", session + sep(session) + "digest="
        + digest(small), Map.of("Content-Type", "application/octet-stream"), small);
    assertThat(put.status()).as(put.text()).isEqualTo(201);
    Response monolithic = ApiGatewayEvents.send(push, "POST",
        "/v2/" + REPO + "/blobs/uploads/?digest=" + digest(config),
        Map.of("Content-Type", "application/octet-stream"), config);
    assertThat(monolithic.status()).as(monolithic.text()).isEqualTo(201);

    byte[] manifest = manifest(config, chunked, single, small);
    // A JSON body as text (isBase64Encoded false), as API Gateway passes non-binary media.
    Response manifestPut = ApiGatewayEvents.read(push.invoke(ApiGatewayEvents.event("PUT",
        "/v2/" + REPO + "/manifests/v1",
        Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"), manifest, false)));
    assertThat(manifestPut.status()).as(manifestPut.text()).isEqualTo(201);
    assertThat(manifestPut.header("Docker-Content-Digest")).isEqualTo(digest(manifest));

    Response byTag = get("/v2/" + REPO + "/manifests/v1");
    assertThat(byTag.status()).isEqualTo(200);
    assertThat(byTag.body()).isEqualTo(manifest);
    assertThat(byTag.base64()).isTrue();
    Response byDigest = get("/v2/" + REPO + "/manifests/" + digest(manifest).replace(":", "%3A"));
    assertThat(byDigest.body()).isEqualTo(manifest);
    Response head = ApiGatewayEvents.send(pull, "HEAD", "/v2/" + REPO + "/manifests/v1",
        Map.of("Accept", "application/vnd.oci.image.manifest.v1+json"), null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(manifest.length));

    HttpClient http = HttpClient.newHttpClient();
    for (byte[] blob : List.of(config, chunked, single, small)) {
      Response redirect = get("/v2/" + REPO + "/blobs/" + digest(blob));
      assertThat(redirect.status()).isEqualTo(307);
      byte[] fetched = http.send(java.net.http.HttpRequest.newBuilder(
          URI.create(redirect.header("Location"))).build(), BodyHandlers.ofByteArray()).body();
      assertThat(digest(fetched)).isEqualTo(digest(blob));
      assertThat(Arrays.equals(fetched, blob)).isTrue();
    }
  }

  @Test
  void startUpload_advertisesTheLambdaChunkLength() {
    Response started = ApiGatewayEvents.send(push, "POST", "/v2/" + REPO + "/blobs/uploads/",
        Map.of(), null);

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.header("OCI-Chunk-Min-Length")).isEqualTo("4194304");
  }

  @Test
  void patch_whenBodyAboveFourMiB_refuses413SizeInvalidSayingHowToChunk() {
    String session = startSession();
    byte[] tooLarge = random(4, LambdaLimits.MAX_REQUEST_BODY_BYTES + 1);

    Response refused = ApiGatewayEvents.send(push, "PATCH", session,
        Map.of("Content-Type", "application/octet-stream"), tooLarge);

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.text()).contains("\"code\":\"SIZE_INVALID\"")
        .contains("4194304").contains("PATCH chunks").contains("docs/aws.md");
    Response atLimit = ApiGatewayEvents.send(push, "PATCH", session, Map.of("Content-Type",
        "application/octet-stream", "Content-Range", "0-4194303"),
        random(5, LambdaLimits.MAX_REQUEST_BODY_BYTES));
    assertThat(atLimit.status()).as(atLimit.text()).isEqualTo(202);
  }

  @Test
  void pull_whenPushMethodRoutedToIt_answers405WithAnOciBody() {
    Response refused = ApiGatewayEvents.send(pull, "DELETE", "/v2/" + REPO + "/manifests/v1",
        Map.of(), null);

    assertThat(refused.status()).isEqualTo(405);
    assertThat(refused.text()).contains("UNSUPPORTED");
  }

  private static void uploadInChunks(byte[] blob, int chunkSize) throws Exception {
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

  private static String startSession() {
    Response started = ApiGatewayEvents.send(push, "POST", "/v2/" + REPO + "/blobs/uploads/",
        Map.of(), null);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    return started.header("Location");
  }

  private static Response get(String target) {
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

  static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
