package dev.meridian.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The build runner's entry point: builds a Dockerfile from a context into an OCI image without a
 * container engine and pushes it through {@link ImageSink}. Supported: FROM (scratch, a registry
 * image, an earlier stage), COPY, ADD (local files and tar archives), ENV, ARG, LABEL, WORKDIR,
 * USER, EXPOSE, CMD, ENTRYPOINT, SHELL, STOPSIGNAL, VOLUME; anything else fails the build with a
 * log line naming the instruction and its line. Never throws for a bad Dockerfile, context or
 * registry: the outcome is a {@link BuildResult}. See {@code docs/builder.md}.
 */
public final class ImageBuilder {
  private final DockerfileParser parser = new DockerfileParser();
  private final BuildBudget budget;

  private ImageBuilder(BuildBudget budget) {
    this.budget = budget;
  }

  /** A builder with {@link BuildBudget#DEFAULT}. */
  public static ImageBuilder create() {
    return create(BuildBudget.DEFAULT);
  }

  /** A builder whose builds stop, {@code Failed}, when they exceed {@code budget}. */
  public static ImageBuilder create(BuildBudget budget) {
    return new ImageBuilder(budget);
  }

  public BuildResult build(BuildInput input) {
    return guarded(input.log(), budget, workspace -> run(input, workspace));
  }

  /** A step of a build within a fresh workspace of {@code budget}. */
  interface Step {
    BuildResult run(Workspace workspace) throws IOException, InterruptedException;
  }

  /**
   * Runs {@code step} in a workspace deleted afterwards; a failure becomes {@code Failed} with
   * its log line written (the engine-free and the engine builder end the same way).
   */
  static BuildResult guarded(BuildLog log, BuildBudget budget, Step step) {
    try (Workspace workspace = new Workspace(budget)) {
      return step.run(workspace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      BuildFailure f = BuildFailure.at(0, "", "the build was stopped: it ran past its time limit");
      log.line(f.logLine());
      return new BuildResult.Failed(0, "", f.getMessage(), false, f.logLine());
    } catch (ContainerEngine.Failure e) {
      BuildFailure f = e.user() ? BuildFailure.at(0, "", e.getMessage())
          : BuildFailure.system("container engine error: " + e.getMessage(), e);
      log.line(f.logLine());
      return new BuildResult.Failed(0, "", f.getMessage(), f.system(), f.logLine());
    } catch (BuildFailure f) {
      log.line(f.logLine());
      return new BuildResult.Failed(f.line(), f.instruction(), f.getMessage(), f.system(),
          f.logLine());
    } catch (PullDeniedException e) { // outside an instruction: pushing layers of a base
      BuildFailure f = BuildFailure.at(0, "", e.getMessage());
      log.line(f.logLine());
      return new BuildResult.Failed(0, "", f.getMessage(), false, f.logLine());
    } catch (RegistryAccessException | IOException | UncheckedIOException e) {
      BuildFailure f = BuildFailure.system("registry or runner error: " + e.getMessage(), e);
      log.line(f.logLine());
      return new BuildResult.Failed(0, "", f.getMessage(), true, f.logLine());
    }
  }

  private BuildResult run(BuildInput input, Workspace workspace) {
    BuildContext context = BuildContext.load(input.context(), input.dockerfile(), workspace);
    Dockerfile dockerfile = parser.parse(context.dockerfile());
    StageState result = new StageRunner(input, context, dockerfile, workspace).run();
    ImageAssembler.Image image = ImageAssembler.assemble(result, input.created().toString());
    input.log().line("image " + image.manifestDigest() + " (config " + image.configDigest()
        + ", " + image.layers().size() + " layers)");
    List<BuildResult.PushedImage> pushed =
        new ImagePusher(input.source(), input.sink(), input.log()).push(image, input.images());
    return new BuildResult.Succeeded(pushed);
  }
}
