package dev.meridian.builder.runs;

import dev.meridian.builder.BuildBudget;
import dev.meridian.builder.BuildInput;
import dev.meridian.builder.BuildResult;
import dev.meridian.builder.ContextArchive;
import dev.meridian.builder.DockerfileBases;
import dev.meridian.builder.EngineBuilder;
import dev.meridian.builder.EngineDockerfile;
import dev.meridian.builder.ImageBuilder;
import dev.meridian.builder.Platform;
import dev.meridian.builder.RegistryImageSink;
import dev.meridian.builder.RegistryImageSource;
import dev.meridian.core.builds.BuildExecutor;
import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.OutputImage;
import dev.meridian.core.builds.RunAccess;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.oci.ImageName;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link BuildExecutor} of a region: streams the run's context from the region's bucket to a
 * temp file, builds it with {@link ImageBuilder} (docs/builder.md) within the region's {@link
 * BuildBudget} and pushes through the region's own HTTP handler as the run's owner ({@link
 * RunAccess}), so a build's push makes the same events, webhooks and replication as a client's
 * and may do only what its owner may. {@code BuildResult.Failed} maps to {@code Failed} (the user's fault) or {@code Error}
 * ({@code system}); a missing context is a system fault (enqueue checked it was there).
 */
public final class ImageBuildExecutor implements BuildExecutor {
  private final ObjectStore objects;
  private final MetadataIndex index;
  private final HttpHandler api;
  private final String host;
  private final RunAccess access;
  private final ImageBuilder builder;
  private final BuildBudget budget;
  private final EngineBuilder engine; // null: no container engine here

  /** Without access control and with the default budget (tests of the builder's wiring). */
  public ImageBuildExecutor(ObjectStore objects, MetadataIndex index, HttpHandler api,
      String host) {
    this(objects, index, api, host, RunAccess.open(), BuildBudget.DEFAULT);
  }

  /**
   * @param api the region's registry handler, called in-process (no request size limit)
   * @param host the region's host name, recorded as the pushing request's host in events
   * @param access who each run acts as when it calls {@code api} (its owner, with auth on)
   * @param budget what one run may read and build (docs/builds.md "Budgets")
   */
  public ImageBuildExecutor(ObjectStore objects, MetadataIndex index, HttpHandler api,
      String host, RunAccess access, BuildBudget budget) {
    this(objects, index, api, host, access, budget, null);
  }

  /**
   * As above, building Dockerfiles that need a container engine (RUN) with {@code engine}
   * (docs/builder.md "Executors"); null: such runs fail with the engine-free builder's line.
   */
  public ImageBuildExecutor(ObjectStore objects, MetadataIndex index, HttpHandler api,
      String host, RunAccess access, BuildBudget budget, EngineBuilder engine) {
    this.budget = budget;
    this.engine = engine;
    this.objects = objects;
    this.index = index;
    this.api = api;
    this.host = host;
    this.access = access;
    this.builder = ImageBuilder.create(budget);
  }

  @Override
  public Result execute(BuildRun run, String contextKey, Consumer<String> log) {
    if (run.images().isEmpty() && run.request().taskFile().isEmpty()) {
      return Result.failed("the run names no images to push (add \"images\" to the request)");
    }
    List<ImageName> names = new ArrayList<>();
    try {
      for (String image : run.images()) {
        names.add(ImageName.parse(image));
      }
    } catch (IllegalArgumentException e) {
      return Result.failed("bad image name: " + e.getMessage());
    }
    HttpHandler runApi;
    try {
      runApi = access.apiFor(run, api); // the owner's grants, as they are now
    } catch (RunAccess.Refused e) {
      log.accept("ERROR: " + e.getMessage());
      return Result.failed(e.getMessage());
    }
    Path context;
    try {
      Optional<Path> fetched = download(contextKey);
      if (fetched.isEmpty()) {
        return Result.error("context " + run.request().context() + " is not in the bucket ("
            + contextKey + ")");
      }
      context = fetched.get();
    } catch (IOException | UncheckedIOException e) {
      return Result.error("cannot read context " + contextKey + ": " + e.getMessage());
    }
    try {
      String agent = "meridian-builder/" + run.id();
      RegistryImageSource source = new RegistryImageSource(runApi, objects, index, host, agent);
      RegistryImageSink sink = new RegistryImageSink(runApi, host, agent);
      if (!run.request().taskFile().isEmpty()) {
        return new TaskFileRun(this, engine, host, ContextArchive.ofPath(context), source, sink,
            budget).execute(run, log);
      }
      BuildInput input = new BuildInput(ContextArchive.ofPath(context),
          run.request().dockerfile(), run.request().buildArgs(),
          Platform.parse(run.request().platform()), "", names, Instant.EPOCH, source, sink,
          log::accept);
      return outcome(build(input, run.id().toString(), log));
    } finally {
      try {
        Files.deleteIfExists(context);
      } catch (IOException ignored) {
        // a temp file left in java.io.tmpdir; the OS cleans it
      }
    }
  }

  /**
   * The engine-free builder unless the Dockerfile needs an engine and one is here (then the
   * engine builder); the first log line says which (docs/builder.md "Executors").
   */
  BuildResult build(BuildInput input, String job, Consumer<String> log) {
    if (engine != null && needsEngine(input)) {
      log.accept("executor: container engine (the Dockerfile has RUN)");
      return engine.build(input, EngineJobs.name(job));
    }
    log.accept("executor: engine-free builder");
    return builder.build(input);
  }

  private boolean needsEngine(BuildInput input) {
    try {
      return EngineDockerfile.needsEngine(
          DockerfileBases.text(input.context(), input.dockerfile(), budget));
    } catch (IOException | RuntimeException e) {
      return false; // the engine-free builder reports an unreadable context or Dockerfile
    }
  }

  static Result outcome(BuildResult result) {
    if (result instanceof BuildResult.Succeeded ok) {
      return Result.succeeded(ok.images().stream()
          .map(i -> new OutputImage(i.name().toString(), i.manifest())).toList());
    }
    BuildResult.Failed failed = (BuildResult.Failed) result;
    String where = failed.line() > 0
        ? "line " + failed.line() + ": " + failed.instruction() + ": " : "";
    return failed.system() ? Result.error(where + failed.message())
        : Result.failed(where + failed.message());
  }

  private Optional<Path> download(String key) throws IOException {
    Optional<ObjectContent> content = objects.get(key);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    Path file = Files.createTempFile("meridian-context-", ".tar.gz");
    try (InputStream in = content.get().stream()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }
}
