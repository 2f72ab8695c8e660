package dev.meridian.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.oci.ImageName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a build stage has made so far: the image config's {@code config} object (kept as JSON so
 * fields the builder does not touch, e.g. a base's {@code Healthcheck}, pass through unchanged),
 * layers, history, declared ARG values and the SHELL for shell forms.
 */
final class StageState {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  /** BuildKit's default PATH for Linux images, set on scratch stages (moby system.DefaultPathEnv). */
  static final String DEFAULT_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  Platform platform;
  ObjectNode config = JsonNodeFactory.instance.objectNode();
  final List<ImageLayer> layers = new ArrayList<>();
  final List<ObjectNode> history = new ArrayList<>();
  final Map<String, String> args = new HashMap<>();
  List<String> shell = DEFAULT_SHELL;
  /** True once CMD is set in this stage; ENTRYPOINT clears an inherited CMD only. */
  boolean cmdSet;
  /** The base image's name and digest when the stage starts from a registry image. */
  ImageName baseName;
  String baseDigest;
  /** Names (no contents) of the stage's files, built on first need; null until then. */
  FileTree names;

  static StageState scratch(Platform platform) {
    StageState s = new StageState();
    s.platform = platform;
    s.config.putArray("Env").add(DEFAULT_PATH);
    return s;
  }

  /** A stage that starts from an earlier stage: same image, fresh ARGs. */
  StageState derive() {
    StageState s = new StageState();
    s.platform = platform;
    s.config = config.deepCopy();
    s.layers.addAll(layers);
    history.forEach(h -> s.history.add(h.deepCopy()));
    s.shell = shell;
    s.baseName = baseName;
    s.baseDigest = baseDigest;
    return s;
  }

  /** {@code config.Env} as an ordered map. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode list = config.get("Env");
    if (list != null && list.isArray()) {
      for (JsonNode e : list) {
        String s = e.asText();
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  void setEnv(Map<String, String> env) {
    ArrayNode list = config.putArray("Env");
    env.forEach((k, v) -> list.add(k + "=" + v));
  }

  /** Variables for substitution: declared ARGs, overridden by ENV (the reference's rule). */
  Map<String, String> variables() {
    Map<String, String> vars = new HashMap<>(args);
    vars.putAll(env());
    return vars;
  }

  String workingDir() {
    JsonNode wd = config.get("WorkingDir");
    return wd == null || wd.asText().isEmpty() ? "/" : wd.asText();
  }
}
