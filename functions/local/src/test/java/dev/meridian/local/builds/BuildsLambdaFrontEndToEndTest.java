package dev.meridian.local.builds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.builds.ContextTar;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Builds with {@code --front lambda}: the run record's insert becomes a message on the region's
 * build queue (as template.yaml's BuildPipe sends it), and the {@code runBuildQueue} Lambda entry
 * point consumes it as an SQS batch event under the template's batch size, visibility timeout and
 * redrive policy, then pushes through the region's own API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildsLambdaFrontEndToEndTest {
  private final BuildsHttp http = new BuildsHttp();
  private LocalRuntime runtime;
  private URI east;

  @BeforeAll
  void start() {
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
        .withFront(LocalOptions.Front.LAMBDA));
    east = runtime.regionEndpoint("eastus");
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void build_throughTheBuildQueue_succeeds_andTheImageReachesEveryRegion() throws Exception {
    String context = http.upload(east, ContextTar.of(Map.of(
        "Dockerfile", "FROM scratch\nCOPY VERSION /app/VERSION\nCMD [\"/app/run\"]\n",
        "VERSION", "3\n")));
    String id = http.enqueue(east,
        "{\"context\":\"" + context + "\",\"images\":[\"queued/app:{{.Run.ID}}\"]}");

    JsonNode run = http.awaitFinished(east, id);

    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Succeeded");
    String digest = run.get("outputImages").get(0).get("digest").asText();
    assertThat(http.log(east, id)).contains("run " + id + " Succeeded");
    for (String region : runtime.regionNames()) {
      assertThat(http.awaitOk(runtime.regionEndpoint(region), "/v2/queued/app/manifests/" + id,
          BuildsLocalRuntimeTest.OCI_MANIFEST).headers().firstValue("Docker-Content-Digest"))
          .as(region).contains(digest);
    }
  }
}
