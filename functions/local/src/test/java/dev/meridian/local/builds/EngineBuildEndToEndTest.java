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
 * starts (issue 20 "Done when"): a base made from Debian's busybox-static is pushed to Meridian;
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
