package dev.meridian.local.builds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that need a container engine, through the local runtime with the docker engine .ci/run
 * starts: a base made from Debian's busybox-static is pushed to Meridian;
 * a Dockerfile FROM it with RUN lines that write files and set a user builds on the engine; the
 * image pulled from another region holds those files. On the default front and on {@code --front
 * lambda} (API Gateway and the Lambda entry points in front of the same functions).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EngineBuildEndToEndTest {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKERFILE = """
      FROM base/busybox:1
      RUN ["/bin/busybox", "--install", "-s", "/bin"]
      RUN mkdir -p /data /etc /home/app \\
       && echo built-by-the-engine > /data/hello \\
       && echo 'app:x:1000:1000::/home/app:/bin/sh' >> /etc/passwd \\
       && chown 1000:1000 /home/app
      USER app
      RUN id -u > /home/app/whoami
      CMD ["cat", "/data/hello"]
      """;

  @Nested
  class DirectFront extends EngineBuilds {
    DirectFront() {
      super(LocalOptions.Front.DIRECT);
    }
  }

  @Nested
  class LambdaFront extends EngineBuilds {
    LambdaFront() {
      super(LocalOptions.Front.LAMBDA);
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class EngineBuilds {
    private final LocalOptions.Front front;
    final BuildsHttp http = new BuildsHttp();
    LocalRuntime runtime;
    URI east;
    URI west;
    Path work;

    EngineBuilds(LocalOptions.Front front) {
      this.front = front;
    }

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
      EngineRequired.check();
      work = dir;
      runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts().withFront(front));
      east = runtime.regionEndpoint("eastus");
      west = runtime.regionEndpoint("westeurope");
      String base = http.upload(east, BusyboxBase.context(dir.resolve("base")));
      String id = http.enqueue(east,
          "{\"context\":\"" + base + "\",\"images\":[\"base/busybox:1\"]}");
      JsonNode run = http.awaitFinished(east, id);
      assertThat(run.get("status").asText()).as(http.log(east, id)).isEqualTo("Succeeded");
    }

    @AfterAll
    void stop() {
      if (runtime != null) {
        runtime.close();
      }
    }

    @Test
    void build_whenDockerfileHasRun_runsOnTheEngineAndTheImageFromAnotherRegionHasItsFiles()
        throws Exception {
      String context = http.upload(east,
          BusyboxBase.tarGz(Files.createDirectories(work.resolve("app")),
              Map.of("Dockerfile", DOCKERFILE)));
      String id = http.enqueue(east,
          "{\"context\":\"" + context + "\",\"images\":[\"demo/engine:{{.Run.ID}}\"]}");

      JsonNode run = http.awaitFinished(east, id);

      String log = http.log(east, id);
      assertThat(run.get("status").asText()).as(log).isEqualTo("Succeeded");
      assertThat(log).contains("executor: container engine", "building with docker engine",
          "base base/busybox:1 is base/busybox@sha256:");
      String digest = run.get("outputImages").get(0).get("digest").asText();
      assertThat(log).contains("pushed demo/engine:" + id + " " + digest);
      runtime.awaitReplicationIdle(Duration.ofSeconds(60));
      JsonNode manifest = BuildsHttp.JSON.readTree(http.awaitOk(west,
          "/v2/demo/engine/manifests/" + id, OCI_MANIFEST).body());
      List<String> files = new ArrayList<>();
      StringBuilder contents = new StringBuilder();
      for (JsonNode layer : manifest.get("layers")) {
        Path blob = work.resolve(layer.get("digest").asText().replace(':', '-'));
        Files.write(blob, http.blob(west, "demo/engine", layer.get("digest").asText()));
        files.addAll(tar("-tzf", blob.toString()).lines().toList());
        contents.append(tar("-xzOf", blob.toString(), "--wildcards", "*data/hello",
            "*home/app/whoami"));
      }
      assertThat(files).anyMatch(f -> f.endsWith("bin/busybox"))
          .anyMatch(f -> f.endsWith("data/hello")).anyMatch(f -> f.endsWith("home/app/whoami"));
      assertThat(contents.toString()).contains("built-by-the-engine", "1000");
      JsonNode config = BuildsHttp.JSON.readTree(http.blob(west, "demo/engine",
          manifest.get("config").get("digest").asText()));
      assertThat(config.get("config").get("User").asText()).isEqualTo("app");
      assertThat(manifest.get("layers").get(0).get("digest").asText())
          .as("the base layer is mounted, not rebuilt").isEqualTo(baseLayer());
    }

    @Test
    void run_whenTaskFileBuildsTwoImagesAndRunsACmd_pushesBothAndRunsTheCommand()
        throws Exception {
      Path dir = Files.createDirectories(work.resolve("task"));
      String context = http.upload(east, BusyboxBase.tarGz(dir, Map.of(
          "acr-task.yaml", """
              version: v1.1.0
              steps:
                - id: tool
                  build: -t {{.Run.Registry}}/demo/tool:{{.Run.ID}} -f tool.Dockerfile .
                - id: app
                  build: -t demo/app:{{.Run.ID}} -t demo/app:latest --build-arg GREETING=hi -f app.Dockerfile .
                  when: ["tool"]
                - cmd: {{.Run.Registry}}/demo/tool:{{.Run.ID}} sh -c "echo tool says $WORD"
                  env: ["WORD=cheese"]
                  timeout: 120
                - push: ["{{.Run.Registry}}/demo/tool:{{.Run.ID}}", "demo/app:latest"]
              """,
          "tool.Dockerfile", "FROM base/busybox:1\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n",
          "app.Dockerfile", "FROM base/busybox:1\nARG GREETING\nENV GREETING=$GREETING\nCOPY acr-task.yaml /task.yaml\n")));
      JsonNode queued = http.json(east, "POST", "/meridian/v1/runs",
          "{\"context\":\"" + context + "\"}", 202);
      String id = queued.get("runId").asText();

      JsonNode run = http.awaitFinished(east, id);

      String log = http.log(east, id);
      assertThat(run.get("status").asText()).as(log).isEqualTo("Succeeded");
      assertThat(run.get("request").get("taskFile").asText()).isEqualTo("acr-task.yaml");
      assertThat(run.get("outputImages")).extracting(o -> o.get("name").asText())
          .containsExactly("demo/tool:" + id, "demo/app:" + id, "demo/app:latest");
      assertThat(log).contains("step 1 (tool): build demo/tool:" + id,
          "executor: container engine", "executor: engine-free builder",
          "step 3 (step3): cmd demo/tool:" + id, "tool says cheese", "step 4 (step4): done");
      String lastLines = log.substring(log.lastIndexOf("step 4 (step4): done"));
      assertThat(lastLines).contains("image demo/tool:" + id + "@sha256:",
          "image demo/app:latest@sha256:", "run " + id + " Succeeded");
      runtime.awaitReplicationIdle(Duration.ofSeconds(60));
      http.awaitOk(west, "/v2/demo/app/manifests/latest", OCI_MANIFEST);
      http.awaitOk(west, "/v2/demo/tool/manifests/" + id, OCI_MANIFEST);
    }

    @Test
    void logs_whileTheRunGoes_deliversLinesBeforeItEnds() throws Exception {
      Path dir = Files.createDirectories(work.resolve("slow"));
      String context = http.upload(east, BusyboxBase.tarGz(dir, Map.of("Dockerfile", """
          FROM base/busybox:1
          RUN ["/bin/busybox", "sh", "-c", "echo first-$((40+2)); /bin/busybox sleep 8; echo last-$((40+2))"]
          """)));
      String id = http.enqueue(east,
          "{\"context\":\"" + context + "\",\"images\":[\"demo/slow:{{.Run.ID}}\"]}");

      // The markers are computed by the shell: the Step line that echoes the RUN holds neither.
      String early = front == LocalOptions.Front.DIRECT ? firstStreamed(id, "first-42")
          : longPolled(id, "first-42");

      assertThat(early).contains("first-42").doesNotContain("last-42");
      assertThat(http.json(east, "GET", "/meridian/v1/builds/" + id, null, 200)
          .get("status").asText()).as("the line came while the run was going").isEqualTo("Running");
      assertThat(http.awaitFinished(east, id).get("status").asText()).isEqualTo("Succeeded");
      assertThat(http.log(east, id)).contains("first-42", "last-42");
    }

    /** {@code logs?follow=true} read as it streams, up to the line holding {@code marker}. */
    private String firstStreamed(String id, String marker) throws Exception {
      java.net.http.HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient()
          .send(java.net.http.HttpRequest.newBuilder(east.resolve("/meridian/v1/builds/" + id
              + "/logs?follow=true")).header("Authorization", dev.meridian.local.TestAdmin.BASIC)
              .build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).isEqualTo(200);
      StringBuilder seen = new StringBuilder();
      try (java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(r.body()))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          seen.append(line).append('\n');
          if (line.contains(marker)) {
            return seen.toString();
          }
        }
      }
      return seen.toString();
    }

    /** {@code logs?offset=N} long polls (what the Lambda front carries) until {@code marker}. */
    private String longPolled(String id, String marker) {
      StringBuilder seen = new StringBuilder();
      long offset = 0;
      while (!seen.toString().contains(marker)) {
        java.net.http.HttpResponse<String> r = http.send(east, "GET",
            "/meridian/v1/builds/" + id + "/logs?offset=" + offset, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        seen.append(r.body());
        offset = Long.parseLong(r.headers().firstValue("Meridian-Log-Offset").orElseThrow());
        if (r.headers().firstValue("Meridian-Run-Ended").orElseThrow().equals("true")) {
          break;
        }
      }
      return seen.toString();
    }

    private String baseLayer() throws IOException {
      JsonNode base = BuildsHttp.JSON.readTree(http.awaitOk(west,
          "/v2/base/busybox/manifests/1", OCI_MANIFEST).body());
      return base.get("layers").get(0).get("digest").asText();
    }

    /** System tar's output; a member pattern that matches nothing in this layer is no error. */
    static String tar(String... args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of("tar"));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    }
  }
}
