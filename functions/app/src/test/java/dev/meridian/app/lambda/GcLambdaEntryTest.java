package dev.meridian.app.lambda;

import static dev.meridian.app.lambda.ApiGatewayPushPullTest.digest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import dev.meridian.app.lifecycle.LifecycleFunctions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle entries on the Lambda path (docs/lifecycle.md): {@code gcSchedule} fed
 * EventBridge's scheduled event, {@code POST /meridian/v1/gc} and the quota routes through {@code
 * pushHttp}, on two regions (eastus, westeurope) on s3proxy and DynamoDB Local; every SDK call
 * is checked against the function's role in template.yaml ({@link IamCheck}).
 */
class GcLambdaEntryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static LambdaHarness eastPush;
  static LambdaHarness eastGc;

  @BeforeAll
  static void start() {
    TestRegions.Region east = TestRegions.create("eastus", "aa");
    TestRegions.Region west = TestRegions.create("westeurope", "ab");
    Map<String, String> eastProperties = new HashMap<>(TestRegions.properties(east, List.of(west)));
    eastProperties.put("meridian.gc.grace", "PT0S");
    eastPush = LambdaHarness.start(LambdaFunctions.PUSH_HTTP, eastProperties);
    eastGc = LambdaHarness.start(LifecycleFunctions.GC_SCHEDULE, eastProperties);
  }

  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRoles() {
    IamCheck.assertAllowed(eastPush, eastGc);
  }

  @Test
  void gcSchedule_deletesAnUnreferencedBlob_andReportsItsBytes() throws Exception {
    byte[] orphan = "uploaded, never referenced".getBytes(StandardCharsets.UTF_8);
    Response blob = ApiGatewayEvents.send(eastPush, "POST", "/v2/lambda/gc/blobs/uploads/?digest="
        + digest(orphan), Map.of("Content-Type", "application/octet-stream"), orphan);
    assertThat(blob.status()).as(blob.text()).isEqualTo(201);

    Response dry = ApiGatewayEvents.send(eastPush, "POST", "/meridian/v1/gc?dryRun=true",
        Map.of(), new byte[0]);
    JsonNode run = JSON.readTree(eastGc.invoke(
        LambdaHarness.resource("eventbridge-scheduled.json")));

    assertThat(dry.status()).as(dry.text()).isEqualTo(200);
    assertThat(JSON.readTree(dry.text()).get("blobs").toString()).contains(digest(orphan));
    assertThat(run.get("blobs").toString()).contains(digest(orphan));
    assertThat(run.get("bytesFreed").asLong()).isGreaterThanOrEqualTo(orphan.length);
    assertThat(ApiGatewayEvents.send(eastPush, "POST", "/v2/lambda/gc/blobs/uploads/?mount="
        + digest(orphan) + "&from=lambda/gc", Map.of(), new byte[0]).status())
        .as("gone: a mount falls back to an upload").isEqualTo(202);
  }

  @Test
  void quotas_putThroughPush_areWrittenToEveryRegion_andRefuseAnOversizedPush() {
    Response set = ApiGatewayEvents.send(eastPush, "PUT", "/meridian/v1/quotas",
        Map.of("Content-Type", "application/json"),
        "{\"repositories\":\"lambda/quota\",\"bytes\":10}".getBytes(StandardCharsets.UTF_8));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    byte[] big = "more than ten bytes of layer".getBytes(StandardCharsets.UTF_8);

    Response refused = ApiGatewayEvents.send(eastPush, "POST",
        "/v2/lambda/quota/blobs/uploads/?digest=" + digest(big),
        Map.of("Content-Type", "application/octet-stream"), big);

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.text()).contains("DENIED").contains("lambda/quota");
  }
}
