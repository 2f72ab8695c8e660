package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.error.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks in every region and builds that stream their log, through the CLI and a real runtime. */
// A hang guard, not a speed check.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AutomationEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  static LocalRegistry runtime;
  static CliRunner cli;

  @BeforeAll
  static void start() {
    runtime = LocalRegistry.start();
    String eastus = runtime.region("eastus");
    cli = new CliRunner(work.resolve("auth.json"), eastus);
    CliRunner.Result login = cli.runWithInput(ImagesEndToEndTest.PASSWORD + "\n",
        "login", eastus, "-u", "admin", "--password-stdin");
    assertThat(login.exit()).as(login.describe()).isZero();
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void webhookCreate_allRegions_createsOnePerRegionWithOneSecret() throws Exception {
    CliRunner.Result create = cli.run("webhook", "create", "deployhook", "--uri", "http://127.0.0.1:9/hook",
        "--actions", "push,replicated", "--scope", "app:*", "--all-regions");
    assertThat(create.exit()).as(create.describe()).isZero();
    assertThat(create.out()).contains("in eastus").contains("in westeurope").contains("in canadacentral")
        .containsOnlyOnce("secret: whsec_");

    CliRunner.Result list = cli.run("webhook", "list", "--all-regions", "-o", "json");
    assertThat(list.exit()).as(list.describe()).isZero();
    List<String> regions = new ArrayList<>();
    for (JsonNode hook : JSON.readTree(list.out()).path("webhooks")) {
      assertThat(hook.path("name").asText()).isEqualTo("deployhook");
      assertThat(hook.path("scope").asText()).isEqualTo("app:*");
      regions.add(hook.path("region").asText());
    }
    assertThat(regions).containsExactly("eastus", "westeurope", "canadacentral");

    CliRunner.Result again = cli.run("webhook", "create", "deployhook", "--uri", "http://127.0.0.1:9/hook");
    assertThat(again.exit()).as(again.describe()).isEqualTo(ExitCode.INVALID.code());
  }

  @Test
  void audit_afterAWebhookChange_listsItInEveryRegionAndVerifies() throws Exception {
    CliRunner.Result create = cli.run("webhook", "create", "audited", "--uri", "http://127.0.0.1:9/hook");
    assertThat(create.exit()).as(create.describe()).isZero();
    String westeurope = runtime.region("westeurope");
    CliRunner.Result login = cli.runWithInput(ImagesEndToEndTest.PASSWORD + "\n",
        "login", westeurope, "-u", "admin", "--password-stdin");
    assertThat(login.exit()).as(login.describe()).isZero();

    CliRunner.Result list = cli.run("audit", "list", "--action", "admin.webhooks", "--actor", "admin",
        "-r", westeurope, "-o", "json");
    assertThat(list.exit()).as(list.describe()).isZero();
    JsonNode record = JSON.readTree(list.out()).path("records").get(0);
    assertThat(record.path("origin").asText()).isEqualTo("eastus");
    assertThat(record.path("detail").asText()).isEqualTo("POST /meridian/v1/webhooks");
    assertThat(record.path("status").asInt()).isEqualTo(201);

    CliRunner.Result verify = cli.run("audit", "verify", "-r", westeurope);
    assertThat(verify.exit()).as(verify.describe()).isZero();
    assertThat(verify.out()).contains("eastus").contains("yes");
  }

  @Test
  void build_scratchAndCopy_streamsTheLogAndPrintsTheImage() throws Exception {
    Path ctx = Files.createDirectories(work.resolve("ok"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    CliRunner.Result build = cli.run("build", ctx.toString(), "-t", "app:{{.Run.ID}}", "--interval", "200ms");
    assertThat(build.exit()).as(build.describe()).isZero();
    assertThat(build.err()).containsPattern("Run aa\\w+ queued in eastus").contains("Succeeded");
    assertThat(build.out()).containsPattern("COPY").containsPattern("app:aa\\w+@sha256:[0-9a-f]{64}");

    CliRunner.Result runs = cli.run("run", "list", "-o", "json");
    assertThat(JSON.readTree(runs.out()).path("runs").get(0).path("status").asText()).isEqualTo("Succeeded");
  }

  @Test
  void task_updateDisableEnableHistory_changeTheTaskAndListItsRuns() throws Exception {
    Path ctx = Files.createDirectories(work.resolve("task-changes"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY b.txt /b.txt\n");
    Files.writeString(ctx.resolve("b.txt"), "b\n");
    CliRunner.Result create = cli.run("task", "create", "hooked", ctx.toString(), "-t", "hooked:{{.Run.ID}}",
        "--http-trigger", "--schedule", "0 3 * * *");
    assertThat(create.exit()).as(create.describe()).isZero();
    assertThat(create.out()).containsPattern("Trigger URL: http://\\S+/meridian/v1/tasks/hooked/trigger")
        .contains("Trigger secret (shown once").contains("Timer t1 '0 3 * * *' next at ");

    CliRunner.Result update = cli.run("task", "update", "hooked", "-t", "hooked2:{{.Run.ID}}", "--no-schedule");
    assertThat(update.exit()).as(update.describe()).isZero();
    assertThat(update.out()).contains("Updated task hooked (revision 2)").doesNotContain("Trigger secret");
    assertThat(cli.run("task", "list").out()).contains("hooked2:{{.Run.ID}}");
    assertThat(cli.run("task", "update", "hooked").exit()).isNotZero(); // nothing to change

    assertThat(cli.run("task", "disable", "hooked").out()).contains("Task hooked disabled");
    CliRunner.Result refused = cli.run("task", "run", "hooked", "--interval", "200ms");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("disabled");
    assertThat(cli.run("task", "enable", "hooked").out()).contains("Task hooked enabled");
    CliRunner.Result run = cli.run("task", "run", "hooked", "--interval", "200ms");
    assertThat(run.exit()).as(run.describe()).isZero();

    CliRunner.Result history = cli.run("task", "history", "hooked", "-o", "json");
    assertThat(history.exit()).as(history.describe()).isZero();
    JsonNode runs = JSON.readTree(history.out()).path("runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("status").asText()).isEqualTo("Succeeded");
    assertThat(runs.get(0).path("images").get(0).asText()).startsWith("hooked2:");
    assertThat(cli.run("task", "history", "hooked").out()).contains("manual", "Succeeded");

    CliRunner.Result deleted = cli.run("task", "delete", "hooked");
    assertThat(deleted.exit()).as(deleted.describe()).isZero();
    assertThat(deleted.out()).contains("Deleted task hooked");
    assertThat(cli.run("task", "list").out()).doesNotContain("hooked");
    CliRunner.Result again = cli.run("task", "delete", "hooked");
    assertThat(again.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(again.err()).contains("no task hooked");
  }

  @Test
  void task_createListRun_buildsAndStreamsTheLog() throws Exception {
    Path ctx = Files.createDirectories(work.resolve("task"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY a.txt /a.txt\n");
    Files.writeString(ctx.resolve("a.txt"), "a\n");
    CliRunner.Result create = cli.run("task", "create", "nightly", ctx.toString(), "-t", "nightly:{{.Run.ID}}");
    assertThat(create.exit()).as(create.describe()).isZero();
    assertThat(cli.run("task", "list").out()).contains("nightly:{{.Run.ID}}");

    CliRunner.Result run = cli.run("task", "run", "nightly", "--interval", "200ms");
    assertThat(run.exit()).as(run.describe()).isZero();
    assertThat(run.out()).containsPattern("nightly:aa\\w+@sha256:");
    String runId = run.err().lines().filter(l -> l.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    CliRunner.Result logs = cli.run("run", "logs", runId, "--follow");
    assertThat(logs.exit()).as(logs.describe()).isZero();
    assertThat(logs.out()).contains("COPY a.txt");
  }

  @Test
  void build_withRun_failsWithExitCode1AndTheRunsError() throws Exception {
    Path ctx = Files.createDirectories(work.resolve("bad"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nRUN echo hi\n");
    CliRunner.Result build = cli.run("build", ctx.toString(), "-t", "bad:{{.Run.ID}}", "--interval", "200ms");
    assertThat(build.exit()).as(build.describe()).isEqualTo(ExitCode.FAILED.code());
    if (build.out().contains("executor: container engine")) {
      // A docker engine answers (CI starts one): the RUN runs there, and scratch has no shell.
      assertThat(build.err()).containsPattern("FAILED: run aa\\w+ Failed: the container engine's build failed");
    } else {
      assertThat(build.err()).containsPattern("FAILED: run aa\\w+ Failed: line 2: RUN");
      assertThat(build.out()).contains("RUN needs a container engine");
    }
  }

  @Test
  void build_ignoredFile_isNotSent() throws Exception {
    Path ctx = Files.createDirectories(work.resolve("ignored"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY secret.txt /secret.txt\n");
    Files.writeString(ctx.resolve("secret.txt"), "do not send\n");
    Files.writeString(ctx.resolve(".dockerignore"), "# local only\nsecret.txt\n");
    CliRunner.Result build = cli.run("build", ctx.toString(), "-t", "ignored:v1", "--interval", "200ms");
    assertThat(build.exit()).as(build.describe()).isEqualTo(ExitCode.FAILED.code());
    assertThat(build.err()).contains("Uploading context: 2 files");
  }

  @Test
  void robot_withAGrant_pushesWhereGranted_andIsRefusedElsewhere() throws Exception {
    CliRunner.Result robot = cli.run("robot", "create", "ci", "--grant", "team/**=pull,push", "-q");
    assertThat(robot.exit()).as(robot.describe()).isZero();
    String secret = robot.out().strip();
    assertThat(secret).hasSize(43);

    String eastus = runtime.region("eastus");
    CliRunner asRobot = new CliRunner(work.resolve("robot-auth.json"), eastus);
    assertThat(asRobot.runWithInput(secret + "\n", "login", eastus, "-u", "ci", "--password-stdin").exit()).isZero();
    TestLayouts.write(work.resolve("robot-img"), "v1", 7, 100);
    CliRunner.Result allowed = asRobot.run("push", "-q", "oci:" + work.resolve("robot-img") + ":v1", "team/app:v1");
    assertThat(allowed.exit()).as(allowed.describe()).isZero();
    CliRunner.Result refused = asRobot.run("push", "-q", "oci:" + work.resolve("robot-img") + ":v1", "other/app:v1");
    assertThat(refused.exit()).as(refused.describe()).isEqualTo(ExitCode.AUTH.code());
    assertThat(refused.err().lines()).hasSize(1);

    assertThat(cli.run("grant", "add", "ci", "other/*=pull").exit()).isZero();
    CliRunner.Result grants = cli.run("grant", "list", "ci");
    assertThat(grants.out().lines()).containsExactly("REPOSITORIES  ACTIONS", "team/**       pull,push", "other/*       pull");
    assertThat(cli.run("grant", "remove", "ci", "other/*").exit()).isZero();
    assertThat(cli.run("grant", "remove", "ci", "other/*").exit()).isEqualTo(ExitCode.NOT_FOUND.code());
  }

  @Test
  void user_createListDelete() throws Exception {
    CliRunner.Result create = cli.runWithInput("a-long-password\n", "user", "create", "dana",
        "--grant", "team/*=pull", "--permission", "builds");
    assertThat(create.exit()).as(create.describe()).isZero();
    JsonNode users = JSON.readTree(cli.run("user", "list", "-o", "json").out()).path("users");
    assertThat(users.toString()).contains("\"dana\"").contains("builds");
    assertThat(cli.run("user", "delete", "dana").exit()).isZero();
    CliRunner.Result gone = cli.run("user", "show", "dana");
    assertThat(gone.exit()).as(gone.describe()).isEqualTo(ExitCode.NOT_FOUND.code());
  }

  @Test
  void quotaUsageAndGc_commands_talkToTheLifecycleApi() throws Exception {
    assertThat(cli.run("quota", "set", "--repositories", "cliquota/**", "1M").exit()).isZero();
    assertThat(cli.run("quota", "list").out()).contains("cliquota/**").contains("1048576");
    CliRunner.Result both = cli.run("quota", "set", "--registry-wide", "--repositories", "x", "1k");
    assertThat(both.exit()).as(both.describe()).isNotZero();
    assertThat(cli.run("quota", "delete", "--repositories", "cliquota/**").exit()).isZero();
    assertThat(cli.run("quota", "list").out()).doesNotContain("cliquota/**");

    JsonNode usage = JSON.readTree(cli.run("usage", "-o", "json").out());
    assertThat(usage.path("regions").size()).isEqualTo(3);
    CliRunner.Result dry = cli.run("gc", "--dry-run", "-o", "json");
    assertThat(dry.exit()).as(dry.describe()).isZero();
    assertThat(JSON.readTree(dry.out()).path("runs").get(0).path("dryRun").asBoolean()).isTrue();
    CliRunner.Result runs = cli.run("gc", "runs");
    assertThat(runs.out()).contains("BYTES-FREED").contains("true");
  }
}
