package dev.meridian.builder.runs;

import dev.meridian.builder.BuildBudget;
import dev.meridian.builder.BuildInput;
import dev.meridian.builder.BuildResult;
import dev.meridian.builder.ContextArchive;
import dev.meridian.builder.DockerfileBases;
import dev.meridian.builder.EngineBuilder;
import dev.meridian.builder.Platform;
import dev.meridian.builder.RegistryImageSink;
import dev.meridian.builder.RegistryImageSource;
import dev.meridian.core.builds.BuildExecutor;
import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.OutputImage;
import dev.meridian.core.builds.TaskFile;
import dev.meridian.core.oci.ImageName;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Executes a run's task file ({@link TaskFile}; docs/builds.md "Task files"), its steps one at a
 * time in file order (which satisfies every {@code when}: a step may only wait for earlier ones),
 * each within its {@code timeout}; the first step that fails ends the run. A {@code build} step
 * builds with the engine-free builder or the container engine, as a Dockerfile run does, and
 * pushes its tags right away: Meridian keeps no engine-side image cache between steps, so the
 * registry is where a later {@code cmd} or {@code push} finds an image. A {@code push} step checks
 * that each image it names was built by this run and logs its digest; a {@code cmd} step runs an
 * image of this registry in the container engine, without network, with the step's {@code env}.
 * Everything acts as the run's owner (the {@code source} and {@code sink} carry its token).
 */
final class TaskFileRun {
  private final ImageBuildExecutor builds;
  private final EngineBuilder engine; // null: cmd steps fail
  private final String registry;
  private final ContextArchive context;
  private final RegistryImageSource source;
  private final RegistryImageSink sink;
  private final BuildBudget budget;

  TaskFileRun(ImageBuildExecutor builds, EngineBuilder engine, String registry,
      ContextArchive context, RegistryImageSource source, RegistryImageSink sink,
      BuildBudget budget) {
    this.builds = builds;
    this.engine = engine;
    this.registry = registry;
    this.context = context;
    this.source = source;
    this.sink = sink;
    this.budget = budget;
  }

  BuildExecutor.Result execute(BuildRun run, Consumer<String> log) {
    TaskFile file;
    try {
      file = TaskFile.parse(DockerfileBases.text(context, run.request().taskFile(), budget),
          run.id().toString(), registry);
    } catch (IOException | IllegalArgumentException e) {
      log.accept("ERROR: task file " + run.request().taskFile() + ": " + e.getMessage());
      return BuildExecutor.Result.failed("task file " + run.request().taskFile() + ": "
          + e.getMessage());
    }
    Map<String, OutputImage> pushed = new LinkedHashMap<>();
    ExecutorService steps = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "task-step-" + run.id());
      t.setDaemon(true);
      return t;
    });
    try {
      int n = 0;
      for (TaskFile.Step step : file.steps()) {
        n++;
        String name = "step " + n + " (" + step.id() + ")";
        log.accept(name + ": " + describe(step));
        BuildExecutor.Result r = within(steps, step.timeout(), name,
            () -> step(run, step, pushed, log));
        if (!r.succeeded()) {
          return new BuildExecutor.Result(List.of(), name + ": " + r.failure(), r.system());
        }
        log.accept(name + ": done");
      }
      return BuildExecutor.Result.succeeded(new ArrayList<>(pushed.values()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BuildExecutor.Result.failed("the run was stopped");
    } finally {
      steps.shutdownNow();
    }
  }

  private BuildExecutor.Result step(BuildRun run, TaskFile.Step step,
      Map<String, OutputImage> pushed, Consumer<String> log) {
    Platform platform = Platform.parse(run.request().platform());
    if (step instanceof TaskFile.Build b) {
      List<ImageName> names = b.images().stream().map(ImageName::parse).toList();
      BuildInput input = new BuildInput(context, b.dockerfile(), b.buildArgs(), platform,
          b.target(), names, Instant.EPOCH, source, sink, log::accept);
      BuildExecutor.Result r = ImageBuildExecutor.outcome(
          builds.build(input, run.id() + "-" + step.id(), log));
      r.images().forEach(o -> pushed.put(o.name(), o));
      return r;
    }
    if (step instanceof TaskFile.Push p) {
      for (String image : p.images()) {
        String name = ImageName.parse(image).toString();
        OutputImage built = pushed.get(name);
        if (built == null) {
          return BuildExecutor.Result.failed("push names " + image
              + ", which no earlier build step of this run tagged");
        }
        log.accept("pushed " + built.name() + " " + built.digest());
      }
      return BuildExecutor.Result.succeeded(List.of());
    }
    TaskFile.Cmd c = (TaskFile.Cmd) step;
    if (engine == null) {
      String why = "a cmd step needs a container engine, which this runner does not have";
      log.accept("ERROR: " + why);
      return BuildExecutor.Result.failed(why);
    }
    BuildResult r = engine.runImage(c.image(), c.args(), c.env(), platform, source, log::accept,
        EngineJobs.name(run.id() + "-" + step.id()));
    return ImageBuildExecutor.outcome(r);
  }

  /** Runs {@code work} on {@code steps} within {@code timeout}; past it the step is interrupted. */
  private static BuildExecutor.Result within(ExecutorService steps, Duration timeout, String name,
      java.util.concurrent.Callable<BuildExecutor.Result> work) throws InterruptedException {
    Future<BuildExecutor.Result> f = steps.submit(work);
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return BuildExecutor.Result.failed("timed out after " + timeout.toSeconds() + " s (its timeout)");
    } catch (ExecutionException e) {
      return BuildExecutor.Result.error("fault: " + e.getCause());
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    }
  }

  private static String describe(TaskFile.Step step) {
    if (step instanceof TaskFile.Build b) {
      return "build " + String.join(", ", b.images()) + " from " + b.dockerfile();
    }
    if (step instanceof TaskFile.Push p) {
      return "push " + String.join(", ", p.images());
    }
    TaskFile.Cmd c = (TaskFile.Cmd) step;
    return "cmd " + c.image() + (c.args().isEmpty() ? "" : " " + String.join(" ", c.args()));
  }
}
