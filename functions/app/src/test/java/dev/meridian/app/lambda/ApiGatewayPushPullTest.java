package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
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

  /** Every SDK call the functions made above is one their roles in template.yaml allow. */
  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRoles() {
    IamCheck.assertAllowed(pull, push);
  }

  @Test
  void pushAndPull_threeLayerImage_throughApiGatewayEvents_byteExact() throws Exception {
    new PushPullScenario(push, pull, REPO).threeLayerImage();
  }

  /**
   * A HEAD answer's Content-Length is the blob's or manifest's size, not the
   * empty body's 0 (docker and containerd fail with "size must be greater than zero" on 0), and
   * Docker-Content-Digest is there. The adapter keeps the handler's Content-Length for HEAD;
   * what API Gateway then sends is not verified here (docs/aws.md "HEAD").
   */
  @Test
  void head_blobAndManifest_carryTheirSizeAndDigest_withAnEmptyBody() {
    byte[] blob = random(9, 3000);
    Response pushed = ApiGatewayEvents.send(push, "POST", "/v2/" + REPO + "/blobs/uploads/?digest="
        + digest(blob), Map.of("Content-Type", "application/octet-stream"), blob);
    assertThat(pushed.status()).as(pushed.text()).isEqualTo(201);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + digest(blob) + "\",\"size\":" + blob.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    Response put = ApiGatewayEvents.send(push, "PUT", "/v2/" + REPO + "/manifests/head",
        Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"), manifest);
    assertThat(put.status()).as(put.text()).isEqualTo(201);

    Response blobHead = ApiGatewayEvents.send(pull, "HEAD", "/v2/" + REPO + "/blobs/" + digest(blob),
        Map.of(), null);
    Response manifestHead = ApiGatewayEvents.send(pull, "HEAD", "/v2/" + REPO + "/manifests/head",
        Map.of("Accept", "application/vnd.oci.image.manifest.v1+json"), null);

    assertThat(blobHead.status()).isEqualTo(200);
    assertThat(blobHead.body()).isEmpty();
    assertThat(blobHead.header("Content-Length")).isEqualTo(Integer.toString(blob.length));
    assertThat(blobHead.header("Docker-Content-Digest")).isEqualTo(digest(blob));
    assertThat(manifestHead.status()).isEqualTo(200);
    assertThat(manifestHead.body()).isEmpty();
    assertThat(manifestHead.header("Content-Length")).isEqualTo(Integer.toString(manifest.length));
    assertThat(manifestHead.header("Docker-Content-Digest")).isEqualTo(digest(manifest));
  }

  @Test
  void startUpload_advertisesTheLambdaChunkLengths_minAndMax() {
    Response started = ApiGatewayEvents.send(push, "POST", "/v2/" + REPO + "/blobs/uploads/",
        Map.of(), null);

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.header("OCI-Chunk-Min-Length")).isEqualTo("4194304");
    assertThat(started.header("OCI-Chunk-Max-Length")).isEqualTo("4194304");
  }

  @Test
  void patch_whenBodyAboveFourMiB_refuses413SizeInvalidNamingTheLimitAndBothWaysThrough() {
    String session = startSession();
    byte[] tooLarge = random(4, LambdaLimits.MAX_REQUEST_BODY_BYTES + 1);

    Response refused = ApiGatewayEvents.send(push, "PATCH", session,
        Map.of("Content-Type", "application/octet-stream"), tooLarge);

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.text()).contains("\"code\":\"SIZE_INVALID\"")
        .contains("4194304").contains("PATCH chunks").contains("docs/aws.md")
        .contains("Meridian-Upload-Mode: direct").contains("meridian CLI")
        .contains("OCI-Chunk-Min-Length").contains("OCI-Chunk-Max-Length");
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

  private static String startSession() {
    Response started = ApiGatewayEvents.send(push, "POST", "/v2/" + REPO + "/blobs/uploads/",
        Map.of(), null);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    return started.header("Location");
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
