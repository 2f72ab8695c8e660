package dev.meridian.app.lambda;

import static dev.meridian.app.lambda.ApiGatewayPushPullTest.digest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import dev.meridian.app.lifecycle.RetentionLockFunctions;
import dev.meridian.aws.testing.LocalS3Server;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lifecycle configuration through {@code pushHttp} (written to every region's bucket) and the
 * {@code lifecycleSchedule} entry (EventBridge schedule → one lifecycle pass), with every SDK
 * call checked against the functions' roles in template.yaml.
 */
class LifecycleLambdaEntriesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static TestRegions.Region east;
  static TestRegions.Region west;
  static LambdaHarness eastPush;
  static LambdaHarness eastLifecycle;

  @BeforeAll
  static void start() {
    east = TestRegions.create("eastus", "aa");
    west = TestRegions.create("westeurope", "ab");
    Map<String, String> eastProperties = TestRegions.properties(east, List.of(west));
    eastPush = LambdaHarness.start(LambdaFunctions.PUSH_HTTP, eastProperties);
    eastLifecycle = LambdaHarness.start(RetentionLockFunctions.LIFECYCLE_SCHEDULE, eastProperties);
  }

  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRoles() {
    IamCheck.assertAllowed(eastPush, eastLifecycle);
  }

  @Test
  void lifecycleSchedule_whenARuleSelectsATag_deletesIt_andLocksRefusePushes() throws Exception {
    String repo = "lambda/retained";
    push(repo, "t1", "one");
    push(repo, "t2", "two");
    Response rule = admin("PUT", "retention/rules/lambda-keep",
        "{\"repositories\":\"lambda/**\",\"keepLast\":1}");
    assertThat(rule.status()).as(rule.text()).isEqualTo(200);

    JsonNode summary = JSON.readTree(eastLifecycle.invoke(
        LambdaHarness.resource("eventbridge-scheduled.json")));

    assertThat(summary.path("deleted").toString()).contains(repo + ":t1")
        .doesNotContain(repo + ":t2");
    Response lock = admin("PUT", "locks",
        "{\"repository\":\"" + repo + "\",\"tag\":\"t2\",\"writeEnabled\":false}");
    assertThat(lock.status()).as(lock.text()).isEqualTo(200);
    assertThat(keys(west.bucket(), "_lifecycle/")).hasSize(2); // written to the peer too
    Response refused = pushManifest(repo, "t2", "three");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text()).contains("DENIED").contains("writeEnabled");
  }

  private static Response admin(String method, String path, String body) {
    return ApiGatewayEvents.send(eastPush, method, "/meridian/v1/" + path,
        Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
  }

  private static void push(String repo, String tag, String content) {
    Response put = pushManifest(repo, tag, content);
    assertThat(put.status()).as(put.text()).isEqualTo(201);
  }

  private static Response pushManifest(String repo, String tag, String content) {
    byte[] config = ("{\"os\":\"linux\",\"id\":\"" + content + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    Response blob = ApiGatewayEvents.send(eastPush, "POST", "/v2/" + repo
        + "/blobs/uploads/?digest=" + digest(config),
        Map.of("Content-Type", "application/octet-stream"), config);
    assertThat(blob.status()).as(blob.text()).isEqualTo(201);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest(config)
        + "\",\"size\":" + config.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    return ApiGatewayEvents.send(eastPush, "PUT", "/v2/" + repo + "/manifests/" + tag,
        Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"), manifest);
  }

  private static List<String> keys(String bucket, String prefix) {
    return LocalS3Server.shared().s3().listObjectsV2Paginator(r -> r.bucket(bucket)
        .prefix(prefix)).contents().stream().map(S3Object::key).toList();
  }
}
