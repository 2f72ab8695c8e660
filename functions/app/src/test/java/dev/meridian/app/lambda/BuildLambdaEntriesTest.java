package dev.meridian.app.lambda;

import dev.meridian.core.builds.ContextTar;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import dev.meridian.aws.dynamodb.DynamoDbRunStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.builds.BuildRequest;
import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.RunStatus;
import dev.meridian.core.builds.Trigger;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The builds' Lambda entries through {@code FunctionInvoker} on s3proxy and DynamoDB Local:
 * {@code runBuildQueue} fed the SQS batch of {@code events/sqs-build-run-batch.json} (the pipe's
 * message for a run enqueued through {@code pushHttp}, a poison message naming another region's
 * run, and a redelivery of the first), and {@code triggerBuildsSchedule} fed the EventBridge
 * schedule event, moving a run whose runner's lease passed to {@code Error}.
 */
class BuildLambdaEntriesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static TestRegions.Region east;
  static LambdaHarness eastPush;
  static LambdaHarness eastPull;
  static LambdaHarness eastRunner;
  static LambdaHarness eastHousekeeping;

  @BeforeAll
  static void start() {
    east = TestRegions.create("eastus", "aa");
    TestRegions.Region west = TestRegions.create("westeurope", "ab");
    Map<String, String> properties = TestRegions.properties(east, List.of(west));
    eastPush = LambdaHarness.start(LambdaFunctions.PUSH_HTTP, properties);
    eastPull = LambdaHarness.start(LambdaFunctions.PULL_HTTP, properties);
    eastRunner = LambdaHarness.start(LambdaFunctions.RUN_BUILD_QUEUE, properties);
    eastHousekeeping = LambdaHarness.start(LambdaFunctions.TRIGGER_BUILDS_SCHEDULE, properties);
  }

  /** Every SDK call the functions made above is one their roles in template.yaml allow. */
  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRoles() {
    IamCheck.assertAllowed(eastPush, eastPull, eastRunner, eastHousekeeping);
  }

  @Test
  void runBuildQueue_whenBatchHoldsARunPoisonAndARedelivery_buildsOnce_reportsOnlyThePoison()
      throws Exception {
    Response upload = ApiGatewayEvents.send(eastPush, "POST", "/meridian/v1/builds/contexts",
        Map.of("Content-Type", "application/gzip"), ContextTar.of(Map.of(
            "Dockerfile", "FROM scratch\nCOPY VERSION /\nENV MODE=lambda\n", "VERSION", "1\n")));
    assertThat(upload.status()).as(upload.text()).isEqualTo(201);
    String context = JSON.readTree(upload.text()).get("context").asText();
    Response enqueued = ApiGatewayEvents.send(eastPush, "POST", "/meridian/v1/builds",
        Map.of("Content-Type", "application/json"), ("{\"context\":\"" + context
            + "\",\"images\":[\"lambda/built:{{.Run.ID}}\"]}").getBytes(StandardCharsets.UTF_8));
    assertThat(enqueued.status()).as(enqueued.text()).isEqualTo(202);
    RunId id = RunId.parse(JSON.readTree(enqueued.text()).get("runId").asText());

    JsonNode response = JSON.readTree(eastRunner.invoke(sqsBatch(id)));

    assertThat(response.path("batchItemFailures")).hasSize(1);
    assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asText())
        .isEqualTo("c0ffee00-1d2e-4f3a-8b4c-5d6e7f8a9b0c");
    JsonNode run = JSON.readTree(ApiGatewayEvents.send(eastPull, "GET",
        "/meridian/v1/builds/" + id, Map.of(), new byte[0]).text());
    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("Succeeded");
    assertThat(run.path("leaseUntil").isMissingNode()).isTrue(); // shown while Running only
    Response manifest = ApiGatewayEvents.send(eastPull, "GET", "/v2/lambda/built/manifests/" + id,
        Map.of("Accept", "application/vnd.oci.image.manifest.v1+json"), new byte[0]);
    assertThat(manifest.status()).isEqualTo(200);
    String log = ApiGatewayEvents.send(eastPull, "GET", "/meridian/v1/builds/" + id + "/logs",
        Map.of(), new byte[0]).text();
    assertThat(log.split("started in region", -1)).hasSize(2); // the redelivery ran nothing
  }

  @Test
  void triggerBuildsSchedule_whenARunnersLeasePassed_movesItsRunToError() throws Exception {
    DynamoDbRunStore runs = new DynamoDbRunStore(LocalDynamoDb.shared().client(), east.table());
    Instant started = Instant.now().minus(Duration.ofMinutes(30));
    BuildRequest request = new BuildRequest(Digest.parse("sha256:" + "ab".repeat(32)),
        "Dockerfile", List.of("lambda/lost:{{.Run.ID}}"), Map.of(), "linux/amd64",
        Duration.ofMinutes(10), null, null);
    BuildRun lost = BuildRun.queued(new RunId(new Seed("aa"), 900), request, Trigger.MANUAL, started);
    BuildRun live = BuildRun.queued(new RunId(new Seed("aa"), 901), request, Trigger.MANUAL, started);
    assertThat(runs.create(lost) && runs.create(live)).isTrue();
    runs.transition(lost.running(started, started.plus(Duration.ofMinutes(12))), RunStatus.QUEUED);
    runs.transition(live.running(started, Instant.now().plus(Duration.ofMinutes(5))),
        RunStatus.QUEUED);

    byte[] out = eastHousekeeping.invoke(LambdaHarness.resource("eventbridge-scheduled.json"));

    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("0"); // no base-image updates
    BuildRun after = runs.get(lost.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(RunStatus.ERROR);
    assertThat(after.error()).startsWith("runner lost");
    assertThat(runs.get(live.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
  }

  /** {@code events/sqs-build-run-batch.json} with its run messages naming {@code id}'s sequence. */
  private static byte[] sqsBatch(RunId id) throws IOException {
    ObjectNode event = (ObjectNode) JSON.readTree(LambdaHarness.resource("sqs-build-run-batch.json"));
    ArrayNode records = (ArrayNode) event.get("Records");
    for (int i : new int[] {0, 2}) {
      ((ObjectNode) records.get(i)).put("body", "{\"build\":\"run\",\"sequence\":\""
          + StorageLayout.runSk(id.sequence()) + "\"}");
    }
    return JSON.writeValueAsBytes(event);
  }
}
