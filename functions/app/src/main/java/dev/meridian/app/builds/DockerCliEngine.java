package dev.meridian.app.builds;

import dev.meridian.builder.BuildLog;
import dev.meridian.builder.ContainerEngine;
import dev.meridian.builder.DockerCommands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@link ContainerEngine} on a local Docker engine through the {@code docker} CLI (Debian's
 * {@code docker.io}; {@code DOCKER_HOST} or the default socket). Why docker and not buildah or a
 * standalone BuildKit: docs/builder.md "Executors".
 *
 * <p>Each job: {@code docker load} of the bases Meridian pulled as the run's owner, {@code docker
 * build} with the legacy builder ({@code DOCKER_BUILDKIT=0}: no BuildKit session, no buildx
 * plugin, one process per step), {@code --network none}, {@code --pull=false} (every FROM is a
 * private tag the job loaded), {@code --memory}/{@code --memory-swap} and {@code --ulimit fsize}
 * from the build budget, then {@code docker save} of the result; its private tags are removed
 * afterwards whatever happened. The CLI runs with an empty {@code --config} directory, so no
 * credential of the host's user can reach a build. On interrupt (the run's timeout) the CLI is
 * killed, which cancels the build in the daemon, and a {@code cmd} container is removed by name.
 */
public final class DockerCliEngine implements ContainerEngine {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  private final String docker;
  private final String version;
  private final Path config;

  private DockerCliEngine(String docker, String version, Path config) {
    this.docker = docker;
    this.version = version;
    this.config = config;
  }

  /**
   * The engine when one answers: a {@code docker} CLI on the PATH and {@code DOCKER_HOST} set or
   * {@code /var/run/docker.sock} present, and {@code docker version} naming a server.
   */
  public static Optional<DockerCliEngine> detect() {
    String host = System.getenv("DOCKER_HOST");
    if ((host == null || host.isBlank()) && !Files.exists(Path.of("/var/run/docker.sock"))) {
      return Optional.empty();
    }
    Optional<String> binary = onPath("docker");
    if (binary.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path config = Files.createTempDirectory("meridian-docker-config-");
      DockerCliEngine probe = new DockerCliEngine(binary.get(), "?", config);
      List<String> out = new ArrayList<>();
      int exit = probe.exec(List.of("version", "--format", "{{.Server.Version}}"), out::add, 30);
      if (exit != 0 || out.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new DockerCliEngine(binary.get(), out.get(0).strip(), config));
    } catch (IOException | InterruptedException e) {
      return Optional.empty();
    }
  }

  @Override
  public String describe() {
    String host = System.getenv("DOCKER_HOST");
    return "docker engine " + version + " at "
        + (host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host);
  }

  @Override
  public void build(BuildJob job, BuildLog log) throws InterruptedException {
    List<String> cleanup = new ArrayList<>(List.of(job.tag()));
    try {
      load(job.images(), log, cleanup);
      List<String> build = DockerCommands.build(job);
      int exit = exec(build, job.context(), log::line);
      if (exit != 0) {
        throw new Failure("the container engine's build failed (exit " + exit + ")", true);
      }
      require(exec(List.of("save", "--output", job.output().toString(), job.tag()), null, log::line),
          "docker save");
    } finally {
      remove(cleanup);
    }
  }

  @Override
  public void run(RunJob job, BuildLog log) throws InterruptedException {
    List<String> cleanup = new ArrayList<>();
    String container = job.name() + "-cmd";
    try {
      load(job.images(), log, cleanup);
      List<String> run = DockerCommands.run(job, container);
      int exit = exec(run, null, log::line);
      if (exit != 0) {
        throw new Failure("the command exited with status " + exit, true);
      }
    } catch (InterruptedException e) {
      quietly(List.of("rm", "--force", container));
      throw e;
    } finally {
      remove(cleanup);
    }
  }

  private void load(Path images, BuildLog log, List<String> loaded) throws InterruptedException {
    if (images == null) {
      return;
    }
    List<String> out = new ArrayList<>();
    int exit = exec(List.of("load", "--input", images.toString()), null, out::add);
    for (String line : out) {
      log.line(line);
      if (line.startsWith("Loaded image: ")) {
        loaded.add(line.substring("Loaded image: ".length()).strip());
      }
    }
    require(exit, "docker load");
  }

  private void remove(List<String> images) {
    if (!images.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("image", "rm", "--force"));
      rm.addAll(images);
      quietly(rm);
    }
  }

  private void quietly(List<String> args) {
    try {
      exec(args, null, line -> { }, 60);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void require(int exit, String what) {
    if (exit != 0) {
      throw new Failure(what + " failed (exit " + exit + ")", false);
    }
  }

  private int exec(List<String> args, Path stdin, BuildLog out) throws InterruptedException {
    return exec(args, stdin, out, 0);
  }

  private int exec(List<String> args, BuildLog out, int timeoutSeconds)
      throws InterruptedException {
    return exec(args, null, out, timeoutSeconds);
  }

  /**
   * Runs the CLI, stdout and stderr merged into {@code out} line by line (ANSI colours
   * stripped); kills it when interrupted or after {@code timeoutSeconds} (0: no limit).
   */
  private int exec(List<String> args, Path stdin, BuildLog out, int timeoutSeconds)
      throws InterruptedException {
    List<String> command = new ArrayList<>(List.of(docker, "--config", config.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "0");
    pb.environment().put("DOCKER_CLI_HINTS", "false");
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new Failure("cannot start " + docker + ": " + e.getMessage(), false);
    }
    Thread reader = new Thread(() -> pump(p, out), "docker-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (timeoutSeconds == 0) {
        p.waitFor();
      } else if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      reader.join(5_000);
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      throw e;
    }
  }

  private static void pump(Process p, BuildLog out) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String clean = ANSI.matcher(line).replaceAll("").stripTrailing();
        if (!clean.isEmpty()) {
          out.line(clean);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

}
