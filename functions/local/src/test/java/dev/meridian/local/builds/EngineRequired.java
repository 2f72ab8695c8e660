package dev.meridian.local.builds;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Skips a test without a docker engine (as DockerEndToEndTest does: {@code DOCKER_HOST} or the
 * default socket; .ci/run starts dockerd and exports it); under {@code CI=true} a missing engine
 * fails instead. The runtime's own detection ({@code DockerCliEngine.detect}) then finds the same
 * engine.
 */
final class EngineRequired {
  private EngineRequired() {}

  static void check() {
    String message;
    try {
      Process p = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return;
      }
      message = "no docker engine answers (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + "): "
          + out.strip();
    } catch (IOException e) {
      message = "no docker CLI: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      message = "interrupted";
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and " + message + ": .ci/run starts dockerd");
    }
    assumeTrue(false, message);
  }
}
