package dev.meridian.local.builds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.builds.ContextTar;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A run acts as its owner, end to end through the local runtime with access
 * control on: a user with {@code builds} and pull/push on {@code mine/**} cannot build {@code FROM
 * other/secret:v1} into {@code mine/copy} (the run fails, its log says the pull was denied, and
 * nothing is pushed), while a user who may pull {@code other/**} can; a run cannot push outside
 * its owner's grants; a run whose owner was deleted before it ran fails; and a task's runs
 * triggered by a base-image update act as the task's owner, not as whoever pushed the base.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class BuildOwnerEndToEndTest {
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String COPY_SECRET = "FROM other/secret:v1\nCOPY note.txt /note.txt\n";

  private final BuildsHttp admin = new BuildsHttp();
  private LocalRuntime runtime;
  private URI east;
  private BuildsHttp mallory;
  private BuildsHttp trusted;

  @BeforeAll
  void start() {
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts());
    east = runtime.regionEndpoint("eastus");
    mallory = account("mallory", "[{\"repositories\":\"mine/**\",\"actions\":[\"pull\",\"push\"]}]");
    trusted = account("trusted", "[{\"repositories\":\"mine/**\",\"actions\":[\"pull\",\"push\"]},"
        + "{\"repositories\":\"other/**\",\"actions\":[\"pull\"]}]");
    buildSecret("v1");
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void run_fromAnImageItsOwnerMayNotPull_failsSayingSo_andPushesNothing() {
    String id = mallory.enqueue(east, body(mallory.upload(east, copySecret()), "mine/copy:v1"));

    JsonNode run = admin.awaitFinished(east, id);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Failed");
    assertThat(run.get("request").get("owner").asText()).isEqualTo("mallory");
    assertThat(run.get("error").asText()).startsWith("line 1: FROM: pull access to other/secret"
        + " denied");
    assertThat(admin.log(east, id)).contains("ERROR: line 1: FROM: pull access to other/secret"
        + " denied: the run acts as its owner, who may not pull other/secret");
    assertThat(admin.send(east, "GET", "/v2/mine/copy/manifests/v1", null, OCI_MANIFEST)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void run_fromAnImageItsOwnerMayPull_succeeds() {
    String id = trusted.enqueue(east, body(trusted.upload(east, copySecret()), "mine/copy2:v1"));

    JsonNode run = admin.awaitFinished(east, id);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Succeeded");
    assertThat(run.get("request").get("owner").asText()).isEqualTo("trusted");
    admin.awaitOk(east, "/v2/mine/copy2/manifests/v1", OCI_MANIFEST);
  }

  @Test
  void run_pushingWhereItsOwnerMayNot_failsBeforeBuilding() {
    String context = mallory.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "FROM scratch\nCOPY note.txt /note.txt\n", "note.txt", "hi\n")));
    String id = mallory.enqueue(east, body(context, "other/planted:v1"));

    JsonNode run = admin.awaitFinished(east, id);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Failed");
    assertThat(admin.log(east, id)).contains("ERROR: the run acts as its owner 'mallory', who"
        + " may not push to other/planted");
    assertThat(admin.send(east, "GET", "/v2/other/planted/manifests/v1", null, OCI_MANIFEST)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void run_whoseOwnerWasDeletedBeforeItRan_fails() {
    BuildsHttp gone = account("gone", "[{\"repositories\":\"mine/**\",\"actions\":[\"pull\",\"push\"]}]");
    String context = gone.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "FROM scratch\nCOPY note.txt /note.txt\n", "note.txt", "hi\n")));
    runtime.pauseBuilds("eastus");
    String id;
    try {
      id = gone.enqueue(east, body(context, "mine/gone:v1"));
      admin.json(east, "DELETE", "/meridian/v1/users/gone", null, 204);
    } finally {
      runtime.resumeBuilds("eastus");
    }

    JsonNode run = admin.awaitFinished(east, id);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Failed");
    assertThat(admin.log(east, id)).contains("ERROR: the run acts as its owner 'gone', which no"
        + " longer exists");
  }

  @Test
  void task_triggeredByABaseImageUpdate_runsWithItsOwnersGrants() {
    String malloryContext = mallory.upload(east, copySecret());
    mallory.json(east, "POST", "/meridian/v1/tasks", "{\"name\":\"mallory-copy\",\"context\":\""
        + malloryContext + "\",\"images\":[\"mine/task-copy:{{.Run.ID}}\"]}", 201);
    String trustedContext = trusted.upload(east, copySecret());
    trusted.json(east, "POST", "/meridian/v1/tasks", "{\"name\":\"trusted-copy\",\"context\":\""
        + trustedContext + "\",\"images\":[\"mine/trusted-copy:{{.Run.ID}}\"]}", 201);

    buildSecret("v2"); // the admin pushes a new other/secret:v1: both tasks trigger

    JsonNode malloryRun = admin.awaitFinished(east, triggered("mine/task-copy"));
    assertThat(malloryRun.get("request").get("owner").asText()).isEqualTo("mallory");
    assertThat(malloryRun.get("status").asText()).as(malloryRun.toString()).isEqualTo("Failed");
    assertThat(admin.log(east, malloryRun.get("runId").asText()))
        .contains("pull access to other/secret denied");
    JsonNode trustedRun = admin.awaitFinished(east, triggered("mine/trusted-copy"));
    assertThat(trustedRun.get("request").get("owner").asText()).isEqualTo("trusted");
    assertThat(trustedRun.get("status").asText()).as(trustedRun.toString())
        .isEqualTo("Succeeded");
  }

  /** The ID of the base-image-update run that builds {@code repository}, once there is one. */
  private String triggered(String repository) {
    long deadline = System.nanoTime() + BuildsHttp.LIMIT.toNanos();
    while (true) {
      List<String> ids = new ArrayList<>();
      for (String region : runtime.regionNames()) {
        admin.json(runtime.regionEndpoint(region), "GET", "/meridian/v1/builds?top=1000", null,
            200).get("runs").forEach(r -> {
              if (r.get("trigger").get("type").asText().equals("baseImageUpdate")
                  && r.get("images").get(0).asText().startsWith(repository + ":")) {
                ids.add(r.get("runId").asText());
              }
            });
      }
      if (!ids.isEmpty()) {
        assertThat(ids).hasSize(1);
        return ids.get(0);
      }
      assertThat(System.nanoTime() - deadline).as("a triggered run of " + repository)
          .isNegative();
      BuildsHttp.sleep();
    }
  }

  /** Builds {@code other/secret:v1} as the admin, holding {@code version}. */
  private void buildSecret(String version) {
    String context = admin.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "FROM scratch\nCOPY secret.txt /secret.txt\n",
        "secret.txt", "the secret " + version + "\n")));
    JsonNode run = admin.awaitFinished(east,
        admin.enqueue(east, body(context, "other/secret:v1")));
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Succeeded");
  }

  private static byte[] copySecret() {
    return ContextTar.of(Map.of("Dockerfile", COPY_SECRET, "note.txt", "note\n"));
  }

  private BuildsHttp account(String name, String grants) {
    String password = name + "-password";
    admin.json(east, "POST", "/meridian/v1/users", "{\"name\":\"" + name + "\",\"password\":\""
        + password + "\",\"grants\":" + grants + ",\"permissions\":[\"builds\"]}", 201);
    return admin.as(name, password);
  }

  private static String body(String context, String image) {
    return "{\"context\":\"" + context + "\",\"images\":[\"" + image + "\"]}";
  }
}
