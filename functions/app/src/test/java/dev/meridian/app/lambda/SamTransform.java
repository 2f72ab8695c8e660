package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/python/sam_to_cfn.py}: aws-sam-translator turns a SAM template into the
 * CloudFormation that {@code sam deploy} would create, and cfn-lint (with Meridian's rules in
 * {@code src/test/python/rules/}) lints both. The tools are Python packages preinstalled on this
 * project's machines and CI's; without them a test skips with the reason, and on CI ({@code
 * CI=true}) it fails instead. template.yaml's result is computed once per JVM and kept in
 * {@code target/cloudformation/template.json} for the other tests.
 */
final class SamTransform {

  static final Path SCRIPT = Path.of("src/test/python/sam_to_cfn.py");
  static final Path TEMPLATE = Path.of("../../template.yaml");
  static final Path OUT = Path.of("target/cloudformation");
  private static final int TOOL_MISSING = 3;
  private static Result templateYaml;

  /** One template's outcome: the linter's findings (empty: clean) and the transformed template. */
  record Result(List<String> findings, Path cloudFormation) {
    @SuppressWarnings("unchecked")
    Map<String, Object> template() {
      try {
        return new ObjectMapper().readValue(cloudFormation.toFile(), Map.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private SamTransform() {}

  /** template.yaml, transformed and linted (once per JVM). */
  static synchronized Result templateYaml() {
    if (templateYaml == null) {
      templateYaml = run(TEMPLATE, OUT.resolve("template.json"));
    }
    return templateYaml;
  }

  /** Transforms and lints {@code text} (a mutated template.yaml, say) under {@code name}. */
  static Result run(String name, String text) {
    try {
      Files.createDirectories(OUT);
      Path sam = OUT.resolve(name + ".yaml");
      Files.writeString(sam, text);
      return run(sam, OUT.resolve(name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result run(Path sam, Path out) {
    List<String> lines = new ArrayList<>();
    int exit;
    try {
      Files.deleteIfExists(out);
      Process p = new ProcessBuilder("python3", SCRIPT.toString(), sam.toString(), out.toString())
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("sam_to_cfn.py did not finish: " + output);
      }
      exit = p.exitValue();
      output.lines().filter(l -> !l.startsWith("sam_to_cfn: ")).forEach(lines::add);
    } catch (IOException e) {
      toolMissing("python3 cannot be run: " + e.getMessage());
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (exit == TOOL_MISSING) {
      toolMissing(String.join("\n", lines));
    }
    if (exit != 0 && exit != 1 || !Files.exists(out)) {
      throw new IllegalStateException("sam_to_cfn.py exited " + exit + ":\n" + String.join("\n", lines));
    }
    return new Result(exit == 0 ? List.of() : List.copyOf(lines), out);
  }

  /** Skips the calling test, or fails it on CI, where the tools must be installed (.ci/run). */
  static void toolMissing(String why) {
    String message = "aws-sam-translator / cfn-lint not available (" + why + "); "
        + "they are preinstalled Python packages on the project's machines and CI (.ci/run checks)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }
}
