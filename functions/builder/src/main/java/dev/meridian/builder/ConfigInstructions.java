package dev.meridian.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions that only change the image config (image-spec config.md "config" fields):
 * ENV, LABEL, USER, EXPOSE, CMD, ENTRYPOINT, SHELL, STOPSIGNAL, VOLUME. Variables are replaced
 * in ENV, LABEL, USER, EXPOSE, STOPSIGNAL and VOLUME, not in CMD, ENTRYPOINT and SHELL (the
 * reference's list of instructions that support environment replacement). Maps are written in
 * key order, as Go's encoder writes them, so the config is byte-stable.
 */
final class ConfigInstructions {
  private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(tcp|udp|sctp))?");
  private final char escape;

  ConfigInstructions(char escape) {
    this.escape = escape;
  }

  private Substitution sub(StageState s) {
    return new Substitution(s.variables(), escape);
  }

  /** ENV: all pairs see the variables as they were before the instruction. */
  void env(Instruction i, StageState s) {
    Substitution sub = sub(s);
    Map<String, String> env = s.env();
    for (Map.Entry<String, String> e : pairs(i, sub).entrySet()) {
      env.put(e.getKey(), e.getValue()); // a redefined variable keeps its place, as in Docker
    }
    s.setEnv(env);
  }

  void label(Instruction i, StageState s) {
    Map<String, String> labels = new TreeMap<>();
    s.config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(),
        e.getValue().asText()));
    labels.putAll(pairs(i, sub(s)));
    ObjectNode node = s.config.putObject("Labels");
    labels.forEach(node::put);
  }

  private Map<String, String> pairs(Instruction i, Substitution sub) {
    List<KeyValues.Pair> raw = KeyValues.parse(i.args(), escape, true);
    if (raw.isEmpty()) {
      throw BuildFailure.at(i, i.keyword() + " needs at least one key=value");
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (KeyValues.Pair p : raw) {
      if (p.value() == null) {
        throw BuildFailure.at(i, i.keyword() + " names must have a value: '" + p.key() + "'");
      }
      String key = sub.word(p.key());
      if (key.isEmpty()) {
        throw BuildFailure.at(i, i.keyword() + " names cannot be empty");
      }
      pairs.put(key, sub.word(p.value()));
    }
    return pairs;
  }

  void user(Instruction i, StageState s) {
    String user = sub(s).word(i.args());
    if (user.isBlank()) {
      throw BuildFailure.at(i, "USER needs a user");
    }
    s.config.put("User", user);
  }

  /** EXPOSE {@code port[/proto]} or a range; the protocol defaults to tcp. */
  void expose(Instruction i, StageState s) {
    List<String> words = sub(s).words(i.args());
    if (words.isEmpty()) {
      throw BuildFailure.at(i, "EXPOSE needs at least one port");
    }
    Map<String, Boolean> ports = new TreeMap<>();
    s.config.path("ExposedPorts").fieldNames().forEachRemaining(p -> ports.put(p, true));
    for (String word : words) {
      Matcher m = PORT.matcher(word.toLowerCase(java.util.Locale.ROOT));
      if (!m.matches()) {
        throw BuildFailure.at(i, "invalid port: '" + word + "'");
      }
      int first = port(i, m.group(1));
      int last = m.group(2) == null ? first : port(i, m.group(2));
      if (last < first || last - first > 65535) {
        throw BuildFailure.at(i, "invalid port range: '" + word + "'");
      }
      String proto = m.group(3) == null ? "tcp" : m.group(3);
      for (int p = first; p <= last; p++) {
        ports.put(p + "/" + proto, true);
      }
    }
    ObjectNode node = s.config.putObject("ExposedPorts");
    ports.keySet().forEach(node::putObject);
  }

  private static int port(Instruction i, String text) {
    int p;
    try {
      p = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 0 || p > 65535) {
      throw BuildFailure.at(i, "invalid port: " + text);
    }
    return p;
  }

  void cmd(Instruction i, StageState s) {
    putList(s.config, "Cmd", command(i, s));
    s.cmdSet = true;
  }

  /** ENTRYPOINT; an inherited CMD is dropped (reference: "ENTRYPOINT will reset CMD"). */
  void entrypoint(Instruction i, StageState s) {
    putList(s.config, "Entrypoint", command(i, s));
    if (!s.cmdSet) {
      s.config.remove("Cmd");
    }
  }

  /** Exec form as written; shell form runs through the stage's SHELL (["/bin/sh","-c"]). */
  private static List<String> command(Instruction i, StageState s) {
    if (i.isJson()) {
      return i.json();
    }
    List<String> command = new ArrayList<>(s.shell);
    command.add(i.args());
    return command;
  }

  void shell(Instruction i, StageState s) {
    if (!i.isJson() || i.json().isEmpty()) {
      throw BuildFailure.at(i, "SHELL requires the JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]");
    }
    s.shell = List.copyOf(i.json());
  }

  void stopSignal(Instruction i, StageState s) {
    String signal = sub(s).word(i.args());
    if (signal.isBlank()) {
      throw BuildFailure.at(i, "STOPSIGNAL needs a signal");
    }
    s.config.put("StopSignal", signal);
  }

  void volume(Instruction i, StageState s) {
    Substitution sub = sub(s);
    List<String> paths = new ArrayList<>();
    if (i.isJson()) {
      i.json().forEach(p -> paths.add(sub.word(p)));
    } else {
      paths.addAll(sub.words(i.args()));
    }
    if (paths.isEmpty() || paths.stream().anyMatch(String::isBlank)) {
      throw BuildFailure.at(i, "VOLUME needs non-empty paths");
    }
    Map<String, Boolean> volumes = new TreeMap<>();
    s.config.path("Volumes").fieldNames().forEachRemaining(v -> volumes.put(v, true));
    paths.forEach(p -> volumes.put(p, true));
    ObjectNode node = s.config.putObject("Volumes");
    volumes.keySet().forEach(node::putObject);
  }

  private static void putList(ObjectNode config, String field, List<String> values) {
    ArrayNode list = config.putArray(field);
    values.forEach(list::add);
  }

  /** The numeric uid (and gid) of a USER value when it is numeric or root, else null. */
  static int[] numericUser(JsonNode user) {
    String u = user == null ? "" : user.asText();
    if (u.isEmpty()) {
      return new int[] {0, 0};
    }
    try {
      return Ownership.parse(u);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
