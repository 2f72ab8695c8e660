package dev.meridian.builder;

import dev.meridian.core.oci.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a Dockerfile that needs a container engine (docs/builder.md "Executors"): the context is
 * read and {@code .dockerignore}d as the engine-free builder reads it (same budgets), the
 * Dockerfile's bases are pulled from Meridian through the run's {@link BaseImageSource} (as its
 * owner) and loaded into the engine under private tags ({@link EngineDockerfile}), the engine
 * builds without network, and the image it saved is pushed through the run's {@link ImageSink}
 * (as its owner) with the base layers mounted. Returns a {@link BuildResult} exactly as {@link
 * ImageBuilder} does, so the runner cannot tell the two apart.
 */
public final class EngineBuilder {
  /** The rewritten Dockerfile's name inside the context tar; the engine drops it from the context. */
  static final String DOCKERFILE = ".meridian-dockerfile";
  private final ContainerEngine engine;
  private final BuildBudget budget;
  private final ContainerEngine.Limits limits;

  public EngineBuilder(ContainerEngine engine, BuildBudget budget, ContainerEngine.Limits limits) {
    this.engine = engine;
    this.budget = budget;
    this.limits = limits;
  }

  public ContainerEngine engine() {
    return engine;
  }

  /** Builds {@code input} as job {@code job} (lower case, unique among concurrent jobs). */
  public BuildResult build(BuildInput input, String job) {
    return ImageBuilder.guarded(input.log(), budget, workspace -> run(input, job, workspace));
  }

  /**
   * Runs {@code reference}, an image of this registry pulled through {@code source} (as the run's
   * owner), with {@code command} and {@code env}, without network: a task's {@code cmd} step.
   * Succeeds with no images, or fails with the command's exit status.
   */
  public BuildResult runImage(String reference, List<String> command, Map<String, String> env,
      Platform platform, BaseImageSource source, BuildLog log, String job) {
    return ImageBuilder.guarded(log, budget, workspace -> {
      BaseImages.BaseImage image;
      try {
        image = new BaseImages(source).resolve(reference, platform);
      } catch (IllegalArgumentException e) {
        throw BuildFailure.at(0, "cmd", e.getMessage());
      }
      log.line("running " + reference + " (" + image.repository() + "@" + image.manifest()
          + ") with " + engine.describe());
      String tag = job + "-run:image";
      Path images = workspace.newFile(".images.tar");
      EngineImages.write(Map.of(tag, image), source, workspace, images);
      engine.run(new ContainerEngine.RunJob(job, images, tag, command, env, limits), log);
      return new BuildResult.Succeeded(List.of());
    });
  }

  private BuildResult run(BuildInput input, String job, Workspace workspace)
      throws IOException, InterruptedException {
    BuildLog log = input.log();
    BuildContext context = BuildContext.load(input.context(), input.dockerfile(), workspace);
    EngineDockerfile dockerfile = EngineDockerfile.of(context.dockerfile(), input.buildArgs(), job);
    Map<String, BaseImages.BaseImage> bases = resolve(dockerfile, input);
    Map<Digest, ImageLayer> baseLayers = new HashMap<>();
    bases.values().forEach(b -> b.layers().forEach(l -> baseLayers.putIfAbsent(l.diffId(), l)));
    Path images = null;
    if (!bases.isEmpty()) {
      images = workspace.newFile(".images.tar");
      EngineImages.write(bases, input.source(), workspace, images);
    }
    Path contextTar = workspace.newFile(".context.tar");
    writeContext(context.tree(), dockerfile.text(), contextTar);
    Path saved = workspace.newFile(".saved.tar");
    log.line("building with " + engine.describe());
    engine.build(new ContainerEngine.BuildJob(job, images, contextTar, DOCKERFILE,
        input.buildArgs(), input.target(), job + "-out:built", saved, limits), log);
    ImageAssembler.Image image = EngineOutput.read(saved, baseLayers, workspace);
    log.line("image " + image.manifestDigest() + " (config " + image.configDigest() + ", "
        + image.layers().size() + " layers)");
    List<BuildResult.PushedImage> pushed =
        new ImagePusher(input.source(), input.sink(), log).push(image, input.images());
    return new BuildResult.Succeeded(pushed);
  }

  private static Map<String, BaseImages.BaseImage> resolve(EngineDockerfile dockerfile,
      BuildInput input) {
    BaseImages source = new BaseImages(input.source());
    Map<String, BaseImages.BaseImage> bases = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : dockerfile.bases().entrySet()) {
      try {
        BaseImages.BaseImage base = source.resolve(e.getValue(), input.platform());
        input.log().line("base " + e.getValue() + " is " + base.repository() + "@"
            + base.manifest());
        bases.put(e.getKey(), base);
      } catch (IllegalArgumentException ex) {
        throw BuildFailure.at(0, "FROM", ex.getMessage());
      }
    }
    return bases;
  }

  /**
   * The context as a plain tar with the rewritten Dockerfile and a {@code .dockerignore} naming
   * it: moby drops the Dockerfile and {@code .dockerignore} from a tar context when {@code
   * .dockerignore} lists them (builder/remotecontext/detect.go {@code removeDockerfile}), so
   * {@code COPY .} copies the user's files only. The user's ignore rules are already applied.
   */
  private static void writeContext(FileTree tree, String dockerfile, Path target)
      throws IOException {
    Path dir = target.resolveSibling(target.getFileName() + ".d");
    Files.createDirectories(dir);
    Path df = Files.writeString(dir.resolve("Dockerfile"), dockerfile);
    Path ignore = Files.writeString(dir.resolve("ignore"), DOCKERFILE + "\n.dockerignore\n");
    Map<String, FileNode> entries = new TreeMap<>(tree.all());
    entries.remove("");
    entries.remove(".dockerignore");
    entries.put(DOCKERFILE, file(df));
    entries.put(".dockerignore", file(ignore));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024)) {
      TarWriter tar = new TarWriter(out, 0);
      for (Map.Entry<String, FileNode> e : entries.entrySet()) {
        tar.write(e.getKey(), e.getValue());
      }
      tar.finish();
    }
  }

  private static FileNode file(Path content) throws IOException {
    return new FileNode(FileNode.Type.FILE, 0644, 0, 0, Files.size(content), content, "");
  }

}
