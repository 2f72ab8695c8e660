package dev.meridian.local.builds;

import dev.meridian.core.builds.ContextTar;
import dev.meridian.local.TestAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds end to end through the local runtime (real HTTP, DynamoDB Local, s3proxy, the regions'
 * worker pools): eastus takes 1 run at a time, westeurope and canadacentral the default 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildsLocalRuntimeTest {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String MULTI_STAGE = """
      # syntax=docker/dockerfile:1
      FROM scratch AS build
      COPY app/ /out/
      COPY VERSION /out/VERSION

      FROM scratch
      COPY --from=build /out/ /app/
      ENV GREETING=hello APP_HOME=/app
      LABEL org.opencontainers.image.title="demo" team=builds
      WORKDIR /app
      CMD ["/app/run.sh"]
      """;

  private final BuildsHttp http = new BuildsHttp();
  private LocalRuntime runtime;
  private URI east;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path regions = Files.writeString(dir.resolve("regions"), """
        eastus        aa  1
        westeurope    ab
        canadacentral ac
        """);
    runtime = LocalRuntime.start(new LocalOptions(0, regions, null, true, BlobDelivery.REDIRECT));
    east = runtime.regionEndpoint("eastus");
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void build_whenMultiStageDockerfile_pushesAnImagePullableFromEveryRegion() throws Exception {
    String context = http.upload(east, ContextTar.of(Map.of(
        "Dockerfile", MULTI_STAGE,
        "app/run.sh", "#!/bin/sh\necho \"$GREETING\"\n",
        "app/data.txt", "data\n",
        "VERSION", "1.0\n",
        "secret.txt", "not for the image\n",
        ".dockerignore", "secret.txt\n")));
    String id = http.enqueue(east, "{\"context\":\"" + context
        + "\",\"images\":[\"demo/app:{{.Run.ID}}\",\"demo/app:latest\"]}");
    assertThat(id).startsWith("aa");

    JsonNode run = http.awaitFinished(east, id);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Succeeded");
    assertThat(run.get("startedAt").isNull()).isFalse();
    JsonNode outputs = run.get("outputImages");
    assertThat(outputs).hasSize(2);
    assertThat(outputs.get(0).get("name").asText()).isEqualTo("demo/app:" + id);
    String digest = outputs.get(0).get("digest").asText();
    assertThat(outputs.get(1).get("digest").asText()).isEqualTo(digest);
    String log = http.log(east, id);
    assertThat(log).contains("run " + id + " started in region eastus", "COPY --from=build",
        "run " + id + " Succeeded");

    for (String region : runtime.regionNames()) {
      URI base = runtime.regionEndpoint(region);
      HttpResponse<String> manifest =
          http.awaitOk(base, "/v2/demo/app/manifests/" + id, OCI_MANIFEST);
      assertThat(manifest.headers().firstValue("Docker-Content-Digest")).as(region)
          .contains(digest);
      String config = BuildsHttp.JSON.readTree(manifest.body()).get("config").get("digest")
          .asText();
      JsonNode image = BuildsHttp.JSON.readTree(
          http.awaitOk(base, "/v2/demo/app/blobs/" + config, null).body());
      JsonNode c = image.get("config");
      assertThat(c.get("Env").toString()).contains("GREETING=hello", "APP_HOME=/app");
      assertThat(c.get("Cmd").toString()).isEqualTo("[\"/app/run.sh\"]");
      assertThat(c.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("demo");
      assertThat(c.get("Labels").get("team").asText()).isEqualTo("builds");
      assertThat(c.get("WorkingDir").asText()).isEqualTo("/app");
      skopeoPull(base, "demo/app:" + id);
    }
  }

  @Test
  void build_whenDockerfileHasRun_failsWithALogLineNamingInstructionAndLine() {
    String context = http.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "FROM scratch\nCOPY VERSION /\nRUN echo hi\n", "VERSION", "1\n")));
    String id = http.enqueue(east,
        "{\"context\":\"" + context + "\",\"images\":[\"demo/run:{{.Run.ID}}\"]}");

    JsonNode run = http.awaitFinished(runtime.regionEndpoint("canadacentral"), id);

    assertThat(run.get("status").asText()).isEqualTo("Failed");
    assertThat(run.get("outputImages")).isEmpty();
    String log = http.log(east, id);
    if (log.contains("executor: container engine")) {
      // A docker engine answers (CI starts one): the RUN runs there, and scratch has no shell.
      assertThat(run.get("error").asText()).contains("the container engine's build failed");
      assertThat(log).contains("run " + id + " Failed");
    } else {
      assertThat(run.get("error").asText()).startsWith("line 3: RUN: ");
      assertThat(log).contains("ERROR: line 3: RUN:", "container engine", "run " + id + " Failed");
    }
    assertThat(http.send(east, "GET", "/v2/demo/run/manifests/" + id, null, OCI_MANIFEST)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void enqueue_whenEastusIsFull_spillsToWesteurope_whoseSeedTheIdCarries() {
    String context = http.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "FROM scratch\nCOPY VERSION /\n", "VERSION", "2\n")));
    String body = "{\"context\":\"" + context + "\",\"images\":[\"demo/spill:{{.Run.ID}}\"]}";
    runtime.pauseBuilds("eastus"); // its one slot stays taken by the queued run below
    String occupying;
    String spilled;
    try {
      occupying = http.enqueue(east, body);
      spilled = http.enqueue(east, body);
      assertThat(occupying).startsWith("aa");
      assertThat(spilled).startsWith("ab");
      JsonNode run = http.awaitFinished(east, spilled);
      assertThat(run.get("status").asText()).isEqualTo("Succeeded");
      assertThat(run.get("region").asText()).isEqualTo("westeurope");
      assertThat(http.log(east, spilled)).contains("started in region westeurope");
      assertThat(http.json(east, "GET", "/meridian/v1/builds/" + occupying, null, 200)
          .get("status").asText()).isEqualTo("Queued");
    } finally {
      runtime.resumeBuilds("eastus");
    }
    assertThat(http.awaitFinished(east, occupying).get("status").asText()).isEqualTo("Succeeded");
    http.awaitOk(east, "/v2/demo/spill/manifests/" + spilled, OCI_MANIFEST);
  }

  @Test
  void task_whenItsBaseImageIsPushedAnew_runsExactlyOnce() {
    String first = buildBase("v1");
    String context = http.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "ARG BASE=base/os\nFROM ${BASE} AS os\nFROM os\nCOPY app.txt /app.txt\n",
        "app.txt", "app\n")));
    JsonNode task = http.json(east, "POST", "/meridian/v1/tasks", "{\"name\":\"patched-app\","
        + "\"context\":\"" + context + "\",\"images\":[\"demo/patched:{{.Run.ID}}\"],"
        + "\"baseImageTrigger\":true}", 201);
    assertThat(task.get("bases").toString()).isEqualTo("[\"base/os:latest\"]");
    assertThat(triggeredRuns()).isEmpty();

    String second = buildBase("v2"); // a new base/os:latest: pushed, then replicated
    assertThat(second).isNotEqualTo(first);

    runtime.awaitReplicationIdle(BuildsHttp.LIMIT); // every region's log has the update now
    long last = lastEventSequence(east);
    long deadline = System.nanoTime() + BuildsHttp.LIMIT.toNanos();
    while (http.json(east, "GET", "/meridian/v1/tasks", null, 200).get("triggerCursor").asLong()
        < last) {
      assertThat(System.nanoTime() - deadline).as("triggers reach event " + last).isNegative();
      BuildsHttp.sleep();
    }
    List<JsonNode> runs = triggeredRuns();
    assertThat(runs).hasSize(1);
    JsonNode run = http.awaitFinished(east, runs.get(0).get("runId").asText());
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Succeeded");
    assertThat(run.get("trigger").get("detail").asText()).isEqualTo(second);
    assertThat(http.log(east, run.get("runId").asText())).contains("base/os");
    assertThat(triggeredRuns()).hasSize(1);
  }

  /** Builds {@code base/os:latest} holding {@code version}; returns its manifest digest. */
  private String buildBase(String version) {
    String context = http.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "FROM scratch\nCOPY os-release /etc/os-release\n",
        "os-release", "VERSION=" + version + "\n")));
    String id = http.enqueue(east, "{\"context\":\"" + context
        + "\",\"images\":[\"base/os:latest\"]}");
    JsonNode run = http.awaitFinished(east, id);
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Succeeded");
    return run.get("outputImages").get(0).get("digest").asText();
  }

  /** Runs a base-image update caused, in every region. */
  private List<JsonNode> triggeredRuns() {
    List<JsonNode> runs = new ArrayList<>();
    for (String region : runtime.regionNames()) {
      http.json(runtime.regionEndpoint(region), "GET", "/meridian/v1/builds?top=1000", null, 200)
          .get("runs").forEach(r -> {
            if (r.get("trigger").get("type").asText().equals("baseImageUpdate")) {
              runs.add(r);
            }
          });
    }
    return runs;
  }

  private long lastEventSequence(URI base) {
    long after = 0;
    while (true) {
      JsonNode page = http.json(base, "GET", "/meridian/v1/events?after=" + after + "&limit=1000",
          null, 200);
      if (page.get("events").isEmpty()) {
        return after;
      }
      after = page.get("next").asLong();
    }
  }

  /** {@code skopeo copy} of the image into an OCI layout, when skopeo is installed. */
  private void skopeoPull(URI base, String image) throws Exception {
    Path skopeo = List.of("/usr/bin/skopeo", "/usr/local/bin/skopeo").stream().map(Path::of)
        .filter(Files::isExecutable).findFirst().orElse(null);
    if (skopeo == null) {
      return; // pulled over HTTP above; skopeo adds a real client's view where it is installed
    }
    Path dir = Files.createTempDirectory("skopeo-pull");
    Path policy = Files.writeString(dir.resolve("policy.json"),
        "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
    List<String> command = new ArrayList<>(List.of(skopeo.toString(), "--policy",
        policy.toString(), "copy", "--src-tls-verify=false",
        "--src-creds=" + TestAdmin.skopeoCreds(),
        "docker://" + base.getAuthority() + "/" + image, "oci:" + dir.resolve("layout") + ":x"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(dir.resolve("layout/index.json")).exists();
  }
}
