package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The docker CLI against a running engine ({@code DOCKER_HOST} or the default socket), for the
 * end-to-end tests. .ci/run starts Debian's {@code dockerd} (vfs, no bridge) and exports {@code
 * DOCKER_HOST}; under {@code CI=true} a missing engine fails the test, elsewhere it is a skip.
 * Every call uses a config directory of its own ({@code --config}), so logins stay in the test.
 *
 * <p>Observed with docker 20.10 and 28.2 against 127.0.0.1: plain HTTP without configuration
 * (127.0.0.0/8 counts as an insecure registry), a whole layer in one PATCH, the legacy builder
 * building {@code FROM scratch} with no network.
 */
final class DockerEngine {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private final Path docker;
  private final Path config;

  private DockerEngine(Path docker, Path config) {
    this.docker = docker;
    this.config = config;
  }

  static DockerEngine require(Path configDir) {
    Path binary = RequiredTool.require("docker", "apt-get install -y docker.io, and start dockerd");
    DockerEngine engine = new DockerEngine(binary, configDir);
    ProcessRunner.Result info = engine.run("info", "--format", "{{.ServerVersion}}");
    if (!info.succeeded()) {
      String message = "no docker engine answers (DOCKER_HOST=" + System.getenv("DOCKER_HOST")
          + "): " + info.stderr().strip();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true and " + message + ": .ci/run starts dockerd");
      }
      assumeTrue(false, message);
    }
    return engine;
  }

  ProcessRunner.Result build(Path context, String tag) {
    return run("build", "--quiet", "--tag", tag, context.toString());
  }

  ProcessRunner.Result login(String hostPort, String user, String password) {
    return run("login", hostPort, "--username", user, "--password", password);
  }

  ProcessRunner.Result push(String reference) {
    return run("push", reference);
  }

  ProcessRunner.Result pull(String reference) {
    return run("pull", reference);
  }

  ProcessRunner.Result remove(String reference) {
    return run("image", "rm", "--force", reference);
  }

  /** The image's ID: the digest of its config, the same wherever it was pulled from. */
  String imageId(String reference) {
    ProcessRunner.Result r = run("image", "inspect", "--format", "{{.Id}}", reference);
    if (!r.succeeded()) {
      throw new AssertionError(r.describe());
    }
    return r.stdout().strip();
  }

  private ProcessRunner.Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(docker.toString(), "--config",
        config.toString()));
    command.addAll(List.of(args));
    return ProcessRunner.run(command, TIMEOUT);
  }
}
