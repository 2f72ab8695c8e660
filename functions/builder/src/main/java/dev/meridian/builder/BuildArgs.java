package dev.meridian.builder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ARG scoping, per the Dockerfile reference ("ARG", "Scope", "Predefined ARGs", "Automatic
 * platform ARGs in the global scope"): ARGs before the first FROM are global and visible only to
 * FROM lines, unless a stage re-declares them ({@code ARG NAME} without a value takes the global
 * value). {@code --build-arg} overrides the default of a declared ARG only. The automatic
 * platform ARGs (TARGETPLATFORM, TARGETOS, ...) are visible to FROM and to stages that declare
 * them; with no engine, the build platform is the target platform.
 */
final class BuildArgs {
  private final Map<String, String> buildArgs;
  private final Map<String, String> automatic = new HashMap<>();
  private final Map<String, String> globals = new HashMap<>();
  private final Set<String> consumed = new TreeSet<>();
  private final char escape;

  BuildArgs(Map<String, String> buildArgs, Platform platform, char escape) {
    this.buildArgs = buildArgs;
    this.escape = escape;
    for (String prefix : List.of("TARGET", "BUILD")) {
      automatic.put(prefix + "PLATFORM", platform.toString());
      automatic.put(prefix + "OS", platform.os());
      automatic.put(prefix + "ARCH", platform.architecture());
      automatic.put(prefix + "VARIANT", platform.variant());
    }
  }

  /** An ARG before the first FROM. */
  void declareGlobal(Instruction arg) {
    Map<String, String> scope = fromScope();
    declare(arg, globals, new Substitution(scope, escape), name -> automatic.get(name));
  }

  /** An ARG inside a stage. */
  void declareInStage(Instruction arg, StageState stage) {
    declare(arg, stage.args, new Substitution(stage.variables(), escape), name ->
        globals.containsKey(name) ? globals.get(name) : automatic.get(name));
  }

  /** What FROM lines see: global ARGs and the automatic platform ARGs. */
  Map<String, String> fromScope() {
    Map<String, String> scope = new HashMap<>(automatic);
    scope.putAll(globals);
    return scope;
  }

  /** {@code --build-arg}s no ARG declared (Docker warns about them). */
  Set<String> unused() {
    Set<String> unused = new TreeSet<>(buildArgs.keySet());
    unused.removeAll(consumed);
    return unused;
  }

  private void declare(Instruction arg, Map<String, String> into, Substitution sub,
      java.util.function.Function<String, String> inherited) {
    List<KeyValues.Pair> pairs = KeyValues.parse(arg.args(), escape, false);
    if (pairs.isEmpty()) {
      throw BuildFailure.at(arg, "ARG needs a name");
    }
    for (KeyValues.Pair pair : pairs) {
      String name = pair.key();
      if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw BuildFailure.at(arg, "invalid ARG name: '" + name + "'");
      }
      String value;
      if (buildArgs.containsKey(name)) {
        consumed.add(name);
        value = buildArgs.get(name);
      } else if (pair.value() != null) {
        value = sub.word(pair.value());
      } else {
        value = inherited.apply(name);
      }
      if (value != null) {
        into.put(name, value);
      } else {
        into.remove(name);
      }
    }
  }
}
