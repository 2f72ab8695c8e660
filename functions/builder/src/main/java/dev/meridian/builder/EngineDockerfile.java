package dev.meridian.builder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Dockerfile as the container engine gets it: every {@code FROM <image>} and {@code COPY
 * --from=<image>} that names a registry image (not {@code scratch}, not a stage) is rewritten to
 * a tag private to the job ({@code <job>-b<n>:base}), whose image the runner pulled from Meridian
 * as the run's owner and loaded into the engine. So the engine resolves nothing by name itself:
 * a Dockerfile cannot reach an image another run loaded into a shared engine, nor one of the
 * engine's own, nor Docker Hub — every base passes the owner's pull check. Instructions are
 * written one per line as parsed (continuations joined, comments dropped), which the Dockerfile
 * reference defines to mean the same.
 *
 * @param text the rewritten Dockerfile
 * @param bases private tag → the reference as written (after ARG substitution), in order
 */
public record EngineDockerfile(String text, Map<String, String> bases) {

  /** Whether {@code dockerfile} needs an engine: it has {@code RUN} (or an instruction the
   * engine-free builder does not implement: {@code HEALTHCHECK}, {@code ONBUILD}). */
  public static boolean needsEngine(String dockerfile) {
    for (Instruction i : new DockerfileParser().parse(dockerfile).instructions()) {
      if (i.keyword().equals("RUN") || i.keyword().equals("HEALTHCHECK")
          || i.keyword().equals("ONBUILD")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Rewrites {@code text} for job {@code job}.
   *
   * @throws BuildFailure when a FROM or COPY --from is malformed, or a COPY --from uses a
   *     variable (the engine would resolve it by name; not allowed, see above)
   */
  static EngineDockerfile of(String text, Map<String, String> buildArgs, String job) {
    Dockerfile dockerfile = new DockerfileParser().parse(text);
    BuildPlan plan = BuildPlan.of(dockerfile);
    BuildArgs args = new BuildArgs(buildArgs, Platform.LINUX_AMD64, dockerfile.escape());
    plan.globalArgs().forEach(args::declareGlobal);
    Substitution sub = new Substitution(args.fromScope(), dockerfile.escape());
    Map<String, String> bases = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    if (dockerfile.escape() != '\\') {
      lines.add("# escape=" + dockerfile.escape());
    }
    plan.globalArgs().forEach(i -> lines.add(i.original()));
    for (BuildPlan.Stage stage : plan.stages()) {
      String image = sub.word(stage.image());
      String from = image.equalsIgnoreCase("scratch") || plan.lookup(image, stage.index()) != null
          ? image : privateTag(bases, image, job);
      lines.add("FROM " + from + (stage.name().isEmpty() ? "" : " AS " + stage.name()));
      for (Instruction i : stage.body()) {
        lines.add(copyFrom(i, plan, stage, bases, job));
      }
    }
    return new EngineDockerfile(String.join("\n", lines) + "\n", bases);
  }

  private static String copyFrom(Instruction i, BuildPlan plan, BuildPlan.Stage stage,
      Map<String, String> bases, String job) {
    String from = i.flag("from");
    if (!i.keyword().equals("COPY") || from == null || plan.lookup(from, stage.index()) != null) {
      return i.original();
    }
    if (from.contains("$")) {
      throw BuildFailure.at(i, "--from with a variable cannot name an image when the build runs "
          + "in a container engine; name the image or stage literally");
    }
    String tag = privateTag(bases, from, job);
    String flag = "--from=" + from;
    int at = i.original().indexOf(flag);
    if (at < 0) {
      throw BuildFailure.at(i, "cannot rewrite " + flag + " (write it as --from=<image>)");
    }
    return i.original().substring(0, at) + "--from=" + tag
        + i.original().substring(at + flag.length());
  }

  private static String privateTag(Map<String, String> bases, String reference, String job) {
    for (Map.Entry<String, String> e : bases.entrySet()) {
      if (e.getValue().equals(reference)) {
        return e.getKey();
      }
    }
    String tag = job + "-b" + bases.size() + ":base";
    bases.put(tag, reference);
    return tag;
  }
}
