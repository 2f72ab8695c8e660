package dev.meridian.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The {@code docker} arguments of an engine job, one list for every place that runs docker: the
 * local engine ({@code DockerCliEngine}) and the CodeBuild project's buildspec, which receives
 * them as a NUL-separated file and runs {@code xargs -0 -a args docker …} (no shell ever parses
 * a user's build argument or command). Both run the legacy builder ({@code DOCKER_BUILDKIT=0}).
 */
public final class DockerCommands {
  private DockerCommands() {}

  /**
   * {@code build … -}: the context tar comes on stdin, the Dockerfile inside it; no network; no
   * pull (every FROM is a private tag the job loaded); the budget's memory and file size.
   */
  public static List<String> build(ContainerEngine.BuildJob job) {
    List<String> args = new ArrayList<>(List.of("build", "--network", "none", "--pull=false",
        "--rm", "--force-rm", "--tag", job.tag(), "--file", job.dockerfile()));
    limits(args, job.limits());
    new TreeMap<>(job.buildArgs()).forEach((k, v) -> args.addAll(List.of("--build-arg", k + "=" + v)));
    if (!job.target().isEmpty()) {
      args.addAll(List.of("--target", job.target()));
    }
    args.add("-");
    return args;
  }

  /** {@code run --rm --name <container> --network none --pull=never … <image> <command…>}. */
  public static List<String> run(ContainerEngine.RunJob job, String container) {
    List<String> args = new ArrayList<>(List.of("run", "--rm", "--name", container, "--network",
        "none", "--pull=never"));
    limits(args, job.limits());
    new TreeMap<>(job.env()).forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
    args.add(job.image());
    args.addAll(job.command());
    return args;
  }

  private static void limits(List<String> args, ContainerEngine.Limits limits) {
    args.addAll(List.of("--memory", Long.toString(limits.memoryBytes()), "--memory-swap",
        Long.toString(limits.memoryBytes()), "--ulimit",
        "fsize=" + limits.maxFileBytes() + ":" + limits.maxFileBytes()));
  }
}
