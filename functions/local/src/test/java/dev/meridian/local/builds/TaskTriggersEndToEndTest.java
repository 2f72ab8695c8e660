package dev.meridian.local.builds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.builds.ContextTar;
import dev.meridian.core.builds.SourceSignature;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.replication.Receiver;
import dev.meridian.local.replication.WebhookAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task triggers end to end through a three-region local runtime (real HTTP, DynamoDB Local,
 * s3proxy, every region's timer loop): a timer fires once per tick in the registry although all
 * three regions evaluate it; a signed source webhook starts a run without registry credentials,
 * a bad signature does not, a replay returns the first run; the run's build events reach a
 * webhook; update, disable and history through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskTriggersEndToEndTest {
  private static final String DOCKERFILE = "FROM scratch\nARG MERIDIAN_COMMIT\nCOPY hello.txt /\n";
  private static final Duration LIMIT = Duration.ofMinutes(2);

  private final BuildsHttp http = new BuildsHttp();
  private final HttpClient anonymous = HttpClient.newHttpClient();
  private LocalRuntime runtime;
  private URI east;
  private URI west;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path regions = Files.writeString(dir.resolve("regions"), """
        eastus        aa  4
        westeurope    ab  4
        canadacentral ac  4
        """);
    runtime = LocalRuntime.start(new LocalOptions(0, regions, null, true, BlobDelivery.REDIRECT));
    east = runtime.regionEndpoint("eastus");
    west = runtime.regionEndpoint("westeurope");
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private String context(URI region) {
    return http.upload(region, ContextTar.of(Map.of("Dockerfile", DOCKERFILE, "hello.txt", "hi\n")));
  }

  @Test
  void timer_whenEveryRegionEvaluatesIt_firesOncePerTick_untilDisabled() {
    String ctx = context(west);
    JsonNode task = http.json(west, "POST", "/meridian/v1/tasks", "{\"name\":\"ticker\","
        + "\"context\":\"" + ctx + "\",\"images\":[\"tick/app:{{.Run.ID}}\"],"
        + "\"baseImageTrigger\":false,\"timers\":[\"*/3 * * * * *\"]}", 201);
    assertThat(task.at("/timers/0/nextRunAt").asText()).isNotEmpty();

    await(() -> history(west, "ticker").size() >= 4, "four ticks fired");
    Instant disabledAt = Instant.parse(http.json(west, "PATCH", "/meridian/v1/tasks/ticker",
        "{\"enabled\":false}", 200).get("updatedAt").asText());
    // An enqueue under way when the task was disabled still lands (a pass checks the task after
    // its claim, not during the enqueue); then nothing more, for more than a period.
    List<JsonNode> fired = stableHistory(west, "ticker", Duration.ofSeconds(5));
    assertThat(fired).allSatisfy(run -> assertThat(Instant.parse(
        run.at("/trigger/detail").asText().substring(3))).isBefore(disabledAt));

    Set<String> ticks = new HashSet<>();
    for (JsonNode run : fired) {
      assertThat(run.at("/trigger/type").asText()).isEqualTo("timer");
      String detail = run.at("/trigger/detail").asText(); // t1@<tick>
      assertThat(ticks.add(detail)).as("tick fired twice: " + detail).isTrue();
      assertThat(Instant.parse(detail.substring(3)).getEpochSecond() % 3).isZero();
    }
    // No run of the task exists outside its history, in any region: one run per tick.
    List<String> everywhere = new ArrayList<>();
    for (String region : runtime.regionNames()) {
      for (JsonNode run : http.json(runtime.regionEndpoint(region), "GET",
          "/meridian/v1/builds?top=1000", null, 200).get("runs")) {
        if (run.at("/request/clientToken").asText().startsWith("task.ticker.timer.")) {
          everywhere.add(run.get("runId").asText());
        }
      }
    }
    assertThat(everywhere).hasSameSizeAs(fired);
    JsonNode last = http.awaitFinished(west, fired.get(0).get("runId").asText());
    assertThat(last.get("status").asText()).as(last.toString()).isEqualTo("Succeeded");
  }

  @Test
  void httpTrigger_whenSigned_startsOneRunWithTheCommit_andItsBuildEventsReachAWebhook()
      throws Exception {
    try (Receiver receiver = Receiver.ok()) {
      String hookSecret = WebhookAdmin.create(east, "builds", receiver.uri(), "",
          List.of("build"), Map.of());
      String ctx = context(east);
      JsonNode task = http.json(east, "POST", "/meridian/v1/tasks", "{\"name\":\"hooked\","
          + "\"context\":\"" + ctx + "\",\"images\":[\"hooked/app:{{.Run.ID}}\"],"
          + "\"baseImageTrigger\":false,\"httpTrigger\":true}", 201);
      URI url = URI.create(task.get("triggerUrl").asText());
      String secret = task.get("triggerSecret").asText();
      String commit = "9fceb02d0ae598e95dc970b74767f19372d61af8";
      String push = "{\"ref\":\"refs/heads/main\",\"after\":\"" + commit + "\"}";

      HttpResponse<String> forged = post(url, push, sign("wrong-secret", push));
      assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
      HttpResponse<String> started = post(url, push, sign(secret, push));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      HttpResponse<String> replayed = post(url, push, sign(secret, push));
      assertThat(replayed.statusCode()).isEqualTo(200);
      String runId = BuildsHttp.JSON.readTree(started.body()).get("runId").asText();
      assertThat(BuildsHttp.JSON.readTree(replayed.body()).get("runId").asText()).isEqualTo(runId);

      JsonNode run = http.awaitFinished(east, runId);
      assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Succeeded");
      assertThat(run.at("/trigger/type").asText()).isEqualTo("commit");
      assertThat(run.at("/request/buildArgs/MERIDIAN_COMMIT").asText()).isEqualTo(commit);
      assertThat(history(east, "hooked")).extracting(r -> r.get("runId").asText())
          .containsExactly(runId);

      await(() -> phases(receiver, hookSecret, runId).contains("succeeded"),
          "the build's succeeded event delivered");
      assertThat(phases(receiver, hookSecret, runId))
          .containsExactly("queued", "started", "succeeded");
      JsonNode done = events(receiver, hookSecret, runId).get(2);
      assertThat(done.get("action").asText()).isEqualTo("build");
      assertThat(done.get("region").asText()).isEqualTo("eastus");
      assertThat(done.at("/target/repository").asText()).isEqualTo("hooked/app");
      assertThat(done.at("/build/trigger").toString())
          .isEqualTo("{\"type\":\"commit\",\"detail\":\"" + commit + "\"}");
      assertThat(done.at("/build/outputImages/0/name").asText()).isEqualTo("hooked/app:" + runId);
      assertThat(done.at("/build/outputImages/0/digest").asText())
          .isEqualTo(run.at("/outputImages/0/digest").asText());
    }
  }

  @Test
  void update_changesTheBuildAndTimers_andTheListShowsThem() {
    String ctx = context(east);
    http.json(east, "POST", "/meridian/v1/tasks", "{\"name\":\"patched\",\"context\":\"" + ctx
        + "\",\"images\":[\"patched/app:v1\"],\"baseImageTrigger\":false}", 201);

    JsonNode updated = http.json(east, "PATCH", "/meridian/v1/tasks/patched",
        "{\"images\":[\"patched/app:v2\"],\"timers\":[{\"name\":\"nightly\","
            + "\"schedule\":\"0 3 * * *\"}],\"httpTrigger\":true}", 200);

    assertThat(updated.at("/request/images/0").asText()).isEqualTo("patched/app:v2");
    assertThat(updated.at("/timers/0/name").asText()).isEqualTo("nightly");
    assertThat(updated.get("triggerSecret").asText()).startsWith("whsec_");
    assertThat(updated.get("revision").asLong()).isEqualTo(2);
    JsonNode again = http.json(east, "GET", "/meridian/v1/tasks/patched", null, 200);
    assertThat(again.has("triggerSecret")).isFalse();
    assertThat(again.get("triggerUrl").asText()).endsWith("/meridian/v1/tasks/patched/trigger");
  }

  private HttpResponse<String> post(URI url, String body, String signature) throws Exception {
    return anonymous.send(HttpRequest.newBuilder(url)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
        .header("X-Hub-Signature-256", signature).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(String secret, String body) {
    return "sha256=" + HexFormat.of().formatHex(SourceSignature.hmac(
        secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
  }

  private List<JsonNode> history(URI region, String task) {
    List<JsonNode> runs = new ArrayList<>();
    http.json(region, "GET", "/meridian/v1/tasks/" + task + "/runs?top=1000", null, 200)
        .get("runs").forEach(runs::add);
    return runs;
  }

  /** The task's history once it has not changed for {@code quiet}. */
  private List<JsonNode> stableHistory(URI region, String task, Duration quiet) {
    List<JsonNode> last = history(region, task);
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      sleep(quiet);
      List<JsonNode> now = history(region, task);
      if (now.size() == last.size()) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("task " + task + " kept firing while disabled: " + last.size());
  }

  private static List<JsonNode> events(Receiver receiver, String secret, String runId) {
    List<JsonNode> events = new ArrayList<>();
    for (Receiver.Received r : receiver.received) {
      JsonNode body = WebhookAdmin.verified(r, secret);
      if (runId.equals(body.at("/build/runId").asText())) {
        events.add(body);
      }
    }
    return events;
  }

  private static List<String> phases(Receiver receiver, String secret, String runId) {
    return events(receiver, secret, runId).stream().map(e -> e.at("/build/phase").asText())
        .toList();
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + LIMIT + ": " + what);
      }
      sleep(Duration.ofMillis(200));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
