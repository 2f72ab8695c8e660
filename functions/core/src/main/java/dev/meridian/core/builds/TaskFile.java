package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A multi-step task file: the documented subset of ACR's {@code acr-task.yaml} (docs/builds.md
 * "Task files"; learn.microsoft.com "ACR Tasks reference: YAML"). As ACR does, the templates
 * {@code {{.Run.ID}}} and {@code {{.Run.Registry}}} are rendered in the text before it is parsed,
 * so they may stand unquoted. An image reference that starts with the registry (what {@code
 * {{.Run.Registry}}/app} renders to) names a repository of this registry. Anything outside the
 * subset is refused with its name, never ignored.
 *
 * @param version {@code v1.0.0} or {@code v1.1.0} (any {@code v1.x})
 */
public record TaskFile(String version, List<Step> steps) {
  private static final YAMLMapper YAML = new YAMLMapper();
  public static final String RUN_ID = "{{.Run.ID}}";
  public static final String RUN_REGISTRY = "{{.Run.Registry}}";
  /** ACR's default step timeout. */
  static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(600);
  private static final Set<String> STEP_KEYS = Set.of("build", "push", "cmd", "id", "when", "env",
      "timeout");

  public TaskFile {
    steps = List.copyOf(steps);
  }

  /** One step; {@code when} the step IDs it waits for ({@code ["-"]}: none). */
  public sealed interface Step {
    String id();

    List<String> when();

    Map<String, String> env();

    Duration timeout();
  }

  /** {@code build: -t img [-t img] [-f Dockerfile] [--build-arg k=v] [--target t] .} */
  public record Build(String id, List<String> when, Map<String, String> env, Duration timeout,
      List<String> images, String dockerfile, Map<String, String> buildArgs, String target)
      implements Step {}

  /** {@code push: [img, …]}: images a build step of this run tagged. */
  public record Push(String id, List<String> when, Map<String, String> env, Duration timeout,
      List<String> images) implements Step {}

  /** {@code cmd: img [args…]}: runs an image of this registry in the container engine. */
  public record Cmd(String id, List<String> when, Map<String, String> env, Duration timeout,
      String image, List<String> args) implements Step {}

  /**
   * Parses {@code text}, rendering {@code {{.Run.ID}}} as {@code runId} and {@code
   * {{.Run.Registry}}} as {@code registry}.
   *
   * @throws IllegalArgumentException naming what is wrong (for the API's 400 and the run's log)
   */
  public static TaskFile parse(String text, String runId, String registry) {
    String rendered = text.replace(RUN_ID, runId).replace(RUN_REGISTRY, registry);
    JsonNode root;
    try {
      root = YAML.readTree(rendered);
    } catch (IOException e) {
      throw new IllegalArgumentException("the task file is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the task file must be a mapping with version and steps");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("version") && !key.equals("steps")) {
        throw new IllegalArgumentException("task file property '" + key + "' is not supported "
            + "(supported: version, steps)");
      }
    }
    String version = root.path("version").asText("");
    if (!version.startsWith("v1.")) {
      throw new IllegalArgumentException("version must be v1.0.0 or v1.1.0, got '" + version + "'");
    }
    JsonNode list = root.path("steps");
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("steps must be a non-empty list");
    }
    List<Step> steps = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Step step = step(list.get(i), i + 1, registry);
      for (String w : step.when()) {
        if (!w.equals("-") && !ids.contains(w)) {
          throw new IllegalArgumentException("step " + (i + 1) + ": when names '" + w
              + "', which is not the id of an earlier step");
        }
      }
      if (!ids.add(step.id())) {
        throw new IllegalArgumentException("step " + (i + 1) + ": id '" + step.id()
            + "' is used twice");
      }
      steps.add(step);
    }
    return new TaskFile(version, steps);
  }

  /** The images the file's build steps tag: what its run pushes. */
  public List<String> outputs() {
    List<String> out = new ArrayList<>();
    for (Step s : steps) {
      if (s instanceof Build b) {
        b.images().stream().filter(i -> !out.contains(i)).forEach(out::add);
      }
    }
    return out;
  }

  private static Step step(JsonNode node, int n, String registry) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("step " + n + " must be a mapping");
    }
    List<String> kinds = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!STEP_KEYS.contains(key)) {
        throw new IllegalArgumentException("step " + n + ": property '" + key
            + "' is not supported (supported: build, push, cmd, id, when, env, timeout)");
      }
      if (key.equals("build") || key.equals("push") || key.equals("cmd")) {
        kinds.add(key);
      }
    }
    if (kinds.size() != 1) {
      throw new IllegalArgumentException("step " + n + " needs exactly one of build, push, cmd");
    }
    String id = node.path("id").asText("step" + n);
    List<String> when = strings(node.path("when"), "step " + n + ": when");
    Map<String, String> env = env(node.path("env"), n);
    Duration timeout = node.has("timeout") ? Duration.ofSeconds(node.path("timeout").asLong())
        : DEFAULT_STEP_TIMEOUT;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("step " + n + ": timeout must be seconds above 0");
    }
    String where = "step " + n + " (" + id + ")";
    return switch (kinds.get(0)) {
      case "build" -> build(id, when, env, timeout, node.path("build").asText(), registry, where);
      case "push" -> new Push(id, when, env, timeout,
          strings(node.path("push"), where + ": push").stream()
              .map(i -> image(i, registry, where)).toList());
      default -> {
        List<String> words = CommandLine.split(node.path("cmd").asText(), where);
        if (words.isEmpty()) {
          throw new IllegalArgumentException(where + ": cmd names no image");
        }
        yield new Cmd(id, when, env, timeout, image(words.get(0), registry, where),
            words.subList(1, words.size()));
      }
    };
  }

  private static Build build(String id, List<String> when, Map<String, String> env,
      Duration timeout, String text, String registry, String where) {
    List<String> words = CommandLine.split(text, where);
    List<String> images = new ArrayList<>();
    Map<String, String> args = new LinkedHashMap<>();
    String dockerfile = "Dockerfile";
    String target = "";
    String context = null;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : null;
      switch (w) {
        case "-t", "--image", "--tag" -> images.add(image(value(w, next, where), registry, where));
        case "-f", "--file" -> dockerfile = value(w, next, where);
        case "--target" -> target = value(w, next, where);
        case "--build-arg" -> {
          String kv = value(w, next, where);
          int eq = kv.indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException(where + ": --build-arg needs KEY=VALUE");
          }
          args.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        default -> {
          if (w.startsWith("-") || context != null) {
            throw new IllegalArgumentException(where + ": build does not support '" + w
                + "' (supported: -t, -f, --build-arg, --target and the context '.')");
          }
          context = w;
          continue;
        }
      }
      i++;
    }
    if (context == null || !(context.equals(".") || context.equals("./"))) {
      throw new IllegalArgumentException(where + ": the build context must be '.' (the run's "
          + "uploaded context)");
    }
    if (images.isEmpty()) {
      throw new IllegalArgumentException(where + ": build needs -t <image>");
    }
    return new Build(id, when, env, timeout, images, dockerfile, args, target);
  }

  private static String value(String flag, String next, String where) {
    if (next == null) {
      throw new IllegalArgumentException(where + ": " + flag + " needs a value");
    }
    return next;
  }

  /** {@code <registry>/repo:tag} → {@code repo:tag}; another registry host is refused. */
  private static String image(String ref, String registry, String where) {
    String r = ref.startsWith(registry + "/") ? ref.substring(registry.length() + 1) : ref;
    int slash = r.indexOf('/');
    String first = slash < 0 ? "" : r.substring(0, slash);
    if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
      throw new IllegalArgumentException(where + ": '" + ref + "' names another registry; "
          + "steps use images of this registry ({{.Run.Registry}}/repo:tag or repo:tag)");
    }
    return r;
  }

  private static List<String> strings(JsonNode node, String what) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(what + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    node.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static Map<String, String> env(JsonNode node, int n) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : strings(node, "step " + n + ": env")) {
      int eq = kv.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("step " + n + ": env entries are KEY=VALUE, got '"
            + kv + "'");
      }
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return env;
  }
}
