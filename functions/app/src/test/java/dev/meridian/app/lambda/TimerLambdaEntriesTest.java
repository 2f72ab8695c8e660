package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.aws.dynamodb.DynamoDbRunStore;
import dev.meridian.aws.dynamodb.DynamoDbTaskStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.core.builds.BuildRequest;
import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.ContextTar;
import dev.meridian.core.builds.Task;
import dev.meridian.core.builds.TaskStore;
import dev.meridian.core.builds.TimerTrigger;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.StorageLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code timerBuildsSchedule} through {@code FunctionInvoker} on s3proxy and DynamoDB Local:
 * eastus's timer function fires a timer of a task held in westeurope — the claim, the run, its
 * token and build event and the task's history all in westeurope's table — and the {@code
 * @AfterAll} IAM check proves the function's role in template.yaml allows exactly those calls.
 */
class TimerLambdaEntriesTest {
  static TestRegions.Region east;
  static TestRegions.Region west;
  static LambdaHarness eastTimers;

  @BeforeAll
  static void start() {
    east = TestRegions.create("eastus", "aa");
    west = TestRegions.create("westeurope", "ab");
    Map<String, String> properties = new java.util.HashMap<>(
        TestRegions.properties(east, List.of(west)));
    properties.put("meridian.auth.bootstrap", "false"); // as template.yaml: pull and push only
    eastTimers = LambdaHarness.start(LambdaFunctions.TIMER_BUILDS_SCHEDULE, properties);
  }

  /** Every SDK call the function made above is one its role in template.yaml allows. */
  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRole() {
    IamCheck.assertAllowed(eastTimers);
  }

  @Test
  void timerBuildsSchedule_whenAPeersTaskIsDue_firesItInThePeer_oncePerTick() throws Exception {
    byte[] tar = ContextTar.of(Map.of("Dockerfile", "FROM scratch\nCOPY VERSION /\n",
        "VERSION", "1\n"));
    Digest context = Digest.sha256(MessageDigest.getInstance("SHA-256").digest(tar));
    LocalS3Server.shared().s3().putObject(b -> b.bucket(west.bucket())
        .key(StorageLayout.buildContext(context)), RequestBody.fromBytes(tar));
    TaskStore tasks = new DynamoDbTaskStore(LocalDynamoDb.shared().client(), west.table());
    Instant created = Instant.now().minusSeconds(30);
    tasks.create(new Task("every-second", new BuildRequest(context, null,
        List.of("lambda/timed:{{.Run.ID}}"), Map.of(), null, null, null, "admin"), false,
        List.of(), created, List.of(TimerTrigger.of("t1", "* * * * * *", true)), null, true,
        created, 1));

    int fired = 0;
    for (int i = 0; i < 3; i++) {
      fired += Integer.parseInt(new String(eastTimers.invoke(
          LambdaHarness.resource("eventbridge-scheduled.json")), StandardCharsets.UTF_8));
    }

    List<TaskStore.TaskRun> history = tasks.history("every-second", 10);
    assertThat(fired).isBetween(1, 3).isEqualTo(history.size());
    Map<String, DynamoDbRunStore> runs = Map.of(
        "ab", new DynamoDbRunStore(LocalDynamoDb.shared().client(), west.table()),
        "aa", new DynamoDbRunStore(LocalDynamoDb.shared().client(), east.table()));
    HashSet<String> ticks = new HashSet<>();
    // placed as westeurope places it: there while it has room (2), then in eastus
    assertThat(history.get(history.size() - 1).runId().seed()).isEqualTo(new Seed("ab"));
    for (TaskStore.TaskRun entry : history) {
      BuildRun run = runs.get(entry.runId().seed().value()).get(entry.runId()).orElseThrow();
      assertThat(run.trigger().type()).isEqualTo("timer");
      assertThat(ticks.add(run.trigger().detail())).as("one run per tick").isTrue();
    }
  }
}
