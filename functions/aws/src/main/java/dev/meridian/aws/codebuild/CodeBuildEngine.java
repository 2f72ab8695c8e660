package dev.meridian.aws.codebuild;

import dev.meridian.builder.BuildLog;
import dev.meridian.builder.ContainerEngine;
import dev.meridian.builder.DockerCommands;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ContainerEngine} on AWS: a job runs in the region's {@code AWS::CodeBuild::Project}
 * (template.yaml {@code BuildEngineProject}: privileged docker, pay per build-minute), started by
 * the {@code runBuild} Lambda, which waits for it within the run's timeout. The job's inputs go to
 * the region's bucket under {@code _builds/engine/<job>/in/} — the images tar (bases the runner
 * pulled as the run's owner), the context tar, and {@code args}: the docker arguments
 * ({@link DockerCommands}), NUL-separated — and the buildspec loads, builds (or runs) and saves
 * to {@code out/image.tar}, with the whole output in {@code out/log.txt}. The project's role may
 * read and write only {@code _builds/engine/*} of that bucket: it never holds a registry
 * credential, and the runner pushes the result as the owner, as locally. The log is copied into
 * the run's log when the build ends (CodeBuild writes it to the bucket at the end, so it is not
 * streamed line by line). Interrupted (the run's timeout), the runner stops the build. The job's
 * objects are deleted afterwards.
 */
public final class CodeBuildEngine implements ContainerEngine {
  static final String PREFIX = "_builds/engine/";
  private final CodeBuildApi codeBuild;
  private final ObjectStore bucket;
  private final String project;
  private final Duration maxTime;
  private final Duration poll;

  /**
   * @param bucket the region's bucket (the project reads and writes {@code _builds/engine/})
   * @param maxTime CodeBuild's own timeout for a job (the run's cap, rounded up to minutes)
   * @param poll how often {@code BatchGetBuilds} is asked
   */
  public CodeBuildEngine(CodeBuildApi codeBuild, ObjectStore bucket, String project,
      Duration maxTime, Duration poll) {
    this.codeBuild = codeBuild;
    this.bucket = bucket;
    this.project = project;
    this.maxTime = maxTime;
    this.poll = poll;
  }

  @Override
  public String describe() {
    return "CodeBuild project " + project;
  }

  @Override
  public void build(BuildJob job, BuildLog log) throws InterruptedException {
    String in = PREFIX + job.name() + "/in/";
    try {
      upload(in + "context.tar", job.context());
      execute(job.name(), job.images(), "build", DockerCommands.build(job),
          Map.of("MERIDIAN_TAG", job.tag()), log);
      ObjectContent image = bucket.get(PREFIX + job.name() + "/out/image.tar").orElseThrow(() ->
          new Failure("the CodeBuild job saved no image", false));
      try (InputStream s = image.stream()) {
        Files.copy(s, job.output(), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } finally {
      clean(job.name());
    }
  }

  @Override
  public void run(RunJob job, BuildLog log) throws InterruptedException {
    try {
      execute(job.name(), job.images(), "run", DockerCommands.run(job, job.name() + "-cmd"),
          Map.of(), log);
    } finally {
      clean(job.name());
    }
  }

  private void execute(String name, Path images, String mode, List<String> args,
      Map<String, String> env, BuildLog log) throws InterruptedException {
    String in = PREFIX + name + "/in/";
    if (images != null) {
      upload(in + "images.tar", images);
    }
    byte[] argv = (String.join("\0", args) + "\0").getBytes(StandardCharsets.UTF_8);
    bucket.put(in + "args", new ByteArrayInputStream(argv), argv.length, "application/octet-stream");
    Map<String, String> vars = new java.util.HashMap<>(env);
    vars.put("MERIDIAN_JOB", name);
    vars.put("MERIDIAN_MODE", mode);
    String id = codeBuild.startBuild(project, vars,
        (int) Math.max(5, (maxTime.toSeconds() + 59) / 60), name);
    log.line("CodeBuild build " + id + " started");
    CodeBuildApi.Build build;
    try {
      do {
        Thread.sleep(poll.toMillis());
        build = codeBuild.get(id);
      } while (!build.done());
    } catch (InterruptedException e) {
      CodeBuildApi.Build stopped = codeBuild.stop(id);
      log.line("CodeBuild build " + id + " stopped (" + stopped.status()
          + "): the run's time is up");
      copyLog(name, log);
      throw e;
    }
    copyLog(name, log);
    log.line("CodeBuild build " + id + " " + build.status());
    switch (build.status()) {
      case "SUCCEEDED" -> { }
      // The buildspec's docker command failed: the Dockerfile's or the command's fault.
      case "FAILED" -> throw new Failure("the " + mode + " failed in CodeBuild (build " + id
          + ", phase " + build.phase() + ")", true);
      default -> throw new Failure("CodeBuild build " + id + " ended " + build.status(), false);
    }
  }

  private void copyLog(String name, BuildLog log) {
    Optional<ObjectContent> text = bucket.get(PREFIX + name + "/out/log.txt");
    if (text.isEmpty()) {
      return;
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(text.get().stream(),
        StandardCharsets.UTF_8))) {
      r.lines().filter(l -> !l.isBlank()).forEach(log::line);
    } catch (IOException e) {
      log.line("(the CodeBuild log could not be read: " + e.getMessage() + ")");
    }
  }

  private void upload(String key, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      bucket.put(key, in, Files.size(file), "application/x-tar");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void clean(String name) {
    for (String key : bucket.list(PREFIX + name + "/", null, 100)) {
      bucket.delete(key);
    }
  }
}
