package dev.meridian.builder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Port: a container engine that runs what the engine-free builder cannot — {@code RUN} and a
 * task's {@code cmd} steps (docs/builder.md "Executors"). It never talks to the registry: the
 * caller pulls the images a job needs from Meridian as the run's owner and hands them over as a
 * docker-archive ({@code docker save} format), and pushes what the job saved, also as the owner.
 * So no credential leaves the runner, and the engine needs no network at all (jobs run with
 * {@code --network none}). Adapters: the local docker engine ({@code DockerCliEngine}) and AWS
 * CodeBuild ({@code CodeBuildEngine}).
 */
public interface ContainerEngine {

  /** For the run's log: which engine, where. */
  String describe();

  /**
   * Loads {@code job.images()}, builds {@code job.dockerfile()} of {@code job.context()} (a tar)
   * as {@code job.tag()} and saves that image to {@code job.output()}; every output line goes to
   * {@code log}. Removes what it loaded and built before it returns.
   *
   * @throws Failure when the build fails ({@link Failure#user()}: the Dockerfile's fault)
   * @throws InterruptedException when the run's time is up: the build is stopped first
   */
  void build(BuildJob job, BuildLog log) throws InterruptedException;

  /** Loads {@code job.images()} and runs {@code job.image()} with the job's command and env. */
  void run(RunJob job, BuildLog log) throws InterruptedException;

  /**
   * What one job may use: memory of each container ({@code meridian.builds.max-memory}) and the
   * size of any file a process writes ({@code meridian.builds.max-file-bytes}, as RLIMIT_FSIZE).
   */
  record Limits(long memoryBytes, long maxFileBytes) {}

  /**
   * @param name unique among concurrent jobs (lower case); names the engine's temporary images
   * @param images docker-archive of the images the Dockerfile's rewritten FROMs name, or null
   * @param context plain tar of the build context, {@code dockerfile} inside it
   */
  record BuildJob(String name, Path images, Path context, String dockerfile,
      Map<String, String> buildArgs, String target, String tag, Path output, Limits limits) {
    public BuildJob {
      buildArgs = Map.copyOf(buildArgs);
    }
  }

  /**
   * @param images docker-archive holding {@code image}
   * @param command arguments after the image (empty: the image's own CMD)
   */
  record RunJob(String name, Path images, String image, List<String> command,
      Map<String, String> env, Limits limits) {
    public RunJob {
      command = List.copyOf(command);
      env = Map.copyOf(env);
    }
  }

  /** The job failed; {@code user}: the Dockerfile's or command's fault, not the engine's. */
  final class Failure extends RuntimeException {
    private final boolean user;

    public Failure(String message, boolean user) {
      super(message);
      this.user = user;
    }

    public boolean user() {
      return user;
    }
  }
}
