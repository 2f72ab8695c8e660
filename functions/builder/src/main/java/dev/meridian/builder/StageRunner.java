package dev.meridian.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.oci.MediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the stages of one build: the target stage, and on demand the stages it starts from or
 * copies from (as BuildKit, stages nothing needs are skipped). Each instruction logs one line;
 * a failure names its instruction and line.
 */
final class StageRunner {
  /** Instructions that need a running container, or triggers the builder does not run. */
  private static final Map<String, String> UNSUPPORTED = Map.of(
      "RUN", "RUN needs a container engine, which the build runner does not have",
      "ONBUILD", "ONBUILD is not supported",
      "HEALTHCHECK", "HEALTHCHECK is not supported",
      "MAINTAINER", "MAINTAINER is deprecated and not supported; use LABEL");
  private static final Set<String> SUPPORTED = Set.of("FROM", "COPY", "ADD", "ENV", "ARG",
      "LABEL", "WORKDIR", "USER", "EXPOSE", "CMD", "ENTRYPOINT", "SHELL", "STOPSIGNAL", "VOLUME");

  private final BuildInput input;
  private final BuildPlan plan;
  private final char escape;
  private final Workspace workspace;
  private final BaseImages images;
  private final StageFiles files;
  private final BuildArgs args;
  private final ConfigInstructions config;
  private final CopyInstruction copy;
  private final WorkdirInstruction workdir;
  private final String created;
  private final Map<Integer, StageState> done = new HashMap<>();
  private final Map<String, FileTree> trees = new HashMap<>();
  private int step;

  StageRunner(BuildInput input, BuildContext context, Dockerfile dockerfile, Workspace workspace) {
    this.input = input;
    this.plan = BuildPlan.of(dockerfile);
    this.escape = dockerfile.escape();
    this.workspace = workspace;
    this.images = new BaseImages(input.source());
    this.files = new StageFiles(input.source(), workspace);
    this.args = new BuildArgs(input.buildArgs(), input.platform(), escape);
    this.config = new ConfigInstructions(escape);
    this.copy = new CopyInstruction(context, files, workspace, escape);
    this.workdir = new WorkdirInstruction(files, escape);
    this.created = input.created().toString();
  }

  /** Builds the target stage and returns its final state. */
  StageState run() {
    for (Instruction arg : plan.globalArgs()) {
      log(arg, "global");
      guard(arg, () -> args.declareGlobal(arg));
    }
    StageState result = stage(plan.target(input.target()));
    Set<String> unused = args.unused();
    if (!unused.isEmpty()) {
      input.log().line("WARNING: build-args not consumed by any ARG: " + unused);
    }
    return result;
  }

  private StageState stage(BuildPlan.Stage stage) {
    StageState cached = done.get(stage.index());
    if (cached != null) {
      return cached;
    }
    StageState s = from(stage);
    for (Instruction i : stage.body()) {
      log(i, stage.label());
      guard(i, () -> execute(i, s, stage));
    }
    done.put(stage.index(), s);
    return s;
  }

  private StageState from(BuildPlan.Stage stage) {
    Instruction i = stage.from();
    for (String flag : i.flags().keySet()) {
      if (!flag.equals("platform")) {
        throw BuildFailure.at(i, "unsupported flag --" + flag);
      }
    }
    Substitution sub = new Substitution(args.fromScope(), escape);
    Platform platform = input.platform();
    String image;
    try {
      if (i.flag("platform") != null) {
        platform = Platform.parse(sub.word(i.flag("platform")));
      }
      image = sub.word(stage.image());
    } catch (IllegalArgumentException e) {
      throw BuildFailure.at(i, e.getMessage());
    }
    BuildPlan.Stage parent = plan.lookup(image, stage.index());
    StageState s;
    if (parent != null) {
      s = stage(parent).derive(); // may log the parent's steps first
      log(i, stage.label());
    } else {
      log(i, stage.label());
      Platform p = platform;
      s = guarded(i, () -> fromImage(image, p));
    }
    return s;
  }

  private StageState fromImage(String image, Platform platform) {
    if (image.equalsIgnoreCase("scratch")) {
      return StageState.scratch(platform);
    }
    BaseImages.BaseImage base = images.resolve(image, platform);
    workspace.meter().layers(base.layers().size());
    JsonNode onBuild = base.config().path("config").path("OnBuild");
    if (onBuild.isArray() && onBuild.size() > 0) {
      throw new IllegalArgumentException("image " + image + " has ONBUILD triggers, which the "
          + "builder does not run");
    }
    StageState s = new StageState();
    s.platform = platform;
    JsonNode cfg = base.config().path("config");
    s.config = cfg.isObject() ? ((ObjectNode) cfg).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    s.layers.addAll(base.layers());
    for (JsonNode h : base.config().path("history")) {
      if (h.isObject()) {
        s.history.add(((ObjectNode) h).deepCopy());
      }
    }
    s.baseName = base.name();
    s.baseDigest = base.manifest().toString();
    input.log().line("  base " + image + " " + base.manifest() + " (" + base.layers().size()
        + " layers, reused by digest)");
    return s;
  }

  private void execute(Instruction i, StageState s, BuildPlan.Stage stage) {
    String keyword = i.keyword();
    if (!SUPPORTED.contains(keyword)) {
      throw BuildFailure.at(i, UNSUPPORTED.getOrDefault(keyword, keyword + " is not supported")
          + "; supported: FROM, COPY, ADD, ENV, ARG, LABEL, WORKDIR, USER, EXPOSE, CMD, "
          + "ENTRYPOINT, SHELL, STOPSIGNAL, VOLUME");
    }
    switch (keyword) {
      case "ENV" -> config.env(i, s);
      case "ARG" -> args.declareInStage(i, s);
      case "LABEL" -> config.label(i, s);
      case "USER" -> config.user(i, s);
      case "EXPOSE" -> config.expose(i, s);
      case "CMD" -> config.cmd(i, s);
      case "ENTRYPOINT" -> config.entrypoint(i, s);
      case "SHELL" -> config.shell(i, s);
      case "STOPSIGNAL" -> config.stopSignal(i, s);
      case "VOLUME" -> config.volume(i, s);
      case "WORKDIR" -> {
        Map<String, FileNode> entries = workdir.run(i, s);
        if (!entries.isEmpty()) {
          commit(i, s, entries);
          return;
        }
      }
      case "COPY", "ADD" -> {
        commit(i, s, copy.run(i, s, from -> tree(from, stage, s)));
        return;
      }
      default -> throw new IllegalStateException(keyword);
    }
    if (!keyword.equals("ARG")) {
      s.history.add(history(i, true)); // ARG changes no config, so it leaves no history
    }
  }

  /** The files of {@code --from}: an earlier stage, else an image of the registry. */
  private FileTree tree(String from, BuildPlan.Stage current, StageState s) {
    BuildPlan.Stage other = plan.lookup(from, current.index());
    if (other != null) {
      StageState state = stage(other);
      return trees.computeIfAbsent("stage:" + other.index(), k -> files.materialize(state.layers));
    }
    if (plan.lookup(from, Integer.MAX_VALUE) != null) {
      throw new IllegalArgumentException("--from=" + from + " names a stage defined later");
    }
    return trees.computeIfAbsent("image:" + from,
        k -> files.materialize(images.resolve(from, s.platform).layers()));
  }

  private void commit(Instruction i, StageState s, Map<String, FileNode> entries) {
    workspace.meter().layers(s.layers.size() + 1);
    LayerFile layer;
    try {
      layer = LayerFile.write(new TreeMap<>(entries), workspace.newFile(".tar.gz"));
    } catch (IOException e) {
      throw BuildFailure.system("cannot write layer: " + e.getMessage(), e);
    }
    s.layers.add(ImageLayer.built(MediaTypes.OCI_LAYER_TAR_GZIP, layer));
    StageFiles.added(s, entries);
    s.history.add(history(i, false));
    input.log().line("  layer " + layer.digest() + " (" + layer.entries() + " entries, "
        + layer.size() + " bytes)");
  }

  private ObjectNode history(Instruction i, boolean empty) {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("created", created);
    h.put("created_by", i.original());
    h.put("comment", "meridian-builder");
    if (empty) {
      h.put("empty_layer", true);
    }
    return h;
  }

  private void log(Instruction i, String stage) {
    input.log().line("#" + (++step) + " [" + stage + "] line " + i.line() + ": " + i.original());
  }

  /** Runs a step, turning argument errors into failures that name the instruction. */
  private static void guard(Instruction i, Runnable step) {
    guarded(i, () -> {
      step.run();
      return null;
    });
  }

  private static <T> T guarded(Instruction i, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (BuildFailure f) {
      throw f.attributedTo(i);
    } catch (IllegalArgumentException e) {
      throw BuildFailure.at(i, e.getMessage());
    } catch (RegistryAccessException e) {
      throw new BuildFailure(i.line(), i.keyword(), e.getMessage(), true, e);
    } catch (UncheckedIOException e) {
      throw new BuildFailure(i.line(), i.keyword(), e.getMessage(), true, e);
    }
  }
}
