package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import java.security.MessageDigest;
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
    new PushPullScenario(push, pull, REPO).threeLayerImage();
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
