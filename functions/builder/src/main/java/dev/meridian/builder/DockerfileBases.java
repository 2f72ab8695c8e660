package dev.meridian.builder;

import dev.meridian.core.oci.ImageName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The registry images a Dockerfile builds on: each {@code FROM} that names neither {@code
 * scratch} nor an earlier stage, after global-ARG substitution as the builder does it, by tag
 * ({@code latest} when none is given). What a base-image trigger watches (docs/builds.md
 * "Tasks"). A base pinned by digest never changes and is left out, as is {@code COPY --from=<image>}
 * (ACR's triggers watch FROM only).
 */
public final class DockerfileBases {
  private static final long MAX_DOCKERFILE = 1024 * 1024;

  private DockerfileBases() {}

  /**
   * Reads {@code dockerfile} from {@code context} and returns its bases.
   *
   * @throws IllegalArgumentException when the context has no such file or a FROM is malformed
   * @throws IOException when the archive cannot be read
   */
  public static List<ImageName> of(ContextArchive context, String dockerfile,
      Map<String, String> buildArgs) throws IOException {
    return of(context, dockerfile, buildArgs, BuildBudget.DEFAULT);
  }

  /**
   * As above, reading the context within {@code budget} (registration reads it on a request
   * thread: a hostile context must not hold it); over budget is an {@link
   * IllegalArgumentException} naming the budget.
   */
  public static List<ImageName> of(ContextArchive context, String dockerfile,
      Map<String, String> buildArgs, BuildBudget budget) throws IOException {
    String text;
    try {
      text = read(context, dockerfile, new BudgetMeter(budget));
    } catch (BuildFailure e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return parse(text, buildArgs);
  }

  /**
   * The text of {@code dockerfile} in {@code context}, read within {@code budget} (the runner
   * reads it to choose an executor, docs/builder.md "Executors").
   *
   * @throws IllegalArgumentException when the context has no such file or is over budget
   */
  public static String text(ContextArchive context, String dockerfile, BuildBudget budget)
      throws IOException {
    try {
      return read(context, dockerfile, new BudgetMeter(budget));
    } catch (BuildFailure e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The bases of Dockerfile {@code text}. */
  public static List<ImageName> parse(String text, Map<String, String> buildArgs) {
    Dockerfile dockerfile = new DockerfileParser().parse(text);
    BuildPlan plan;
    BuildArgs args = new BuildArgs(buildArgs, Platform.LINUX_AMD64, dockerfile.escape());
    try {
      plan = BuildPlan.of(dockerfile);
      plan.globalArgs().forEach(args::declareGlobal);
    } catch (BuildFailure e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Substitution sub = new Substitution(args.fromScope(), dockerfile.escape());
    Set<ImageName> bases = new LinkedHashSet<>();
    for (BuildPlan.Stage stage : plan.stages()) {
      String image = sub.word(stage.image());
      if (image.equalsIgnoreCase("scratch") || image.contains("@")
          || plan.lookup(image, stage.index()) != null) {
        continue;
      }
      try {
        bases.add(ImageName.parse(image));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + stage.from().line() + ": FROM " + image
            + ": " + e.getMessage(), e);
      }
    }
    return new ArrayList<>(bases);
  }

  private static String read(ContextArchive context, String dockerfile, BudgetMeter meter)
      throws IOException {
    String wanted = normalize(dockerfile == null || dockerfile.isBlank() ? "Dockerfile"
        : dockerfile);
    try (InputStream raw = new BufferedInputStream(context.open())) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      TarReader tar = new TarReader(in, meter, "the context");
      for (TarEntry e = tar.next(); e != null; e = tar.next()) {
        if (e.isFile() && normalize(e.name()).equals(wanted)) {
          if (e.size() > MAX_DOCKERFILE) {
            throw new IllegalArgumentException(dockerfile + " is over 1 MiB");
          }
          return new String(tar.content().readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new IllegalArgumentException("the context has no " + dockerfile);
  }

  private static String normalize(String path) {
    String p = path;
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.substring(p.startsWith("./") ? 2 : 1);
    }
    return p;
  }
}
