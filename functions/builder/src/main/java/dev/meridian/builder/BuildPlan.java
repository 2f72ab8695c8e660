package dev.meridian.builder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Dockerfile cut into the global ARGs (before the first FROM) and build stages, each opened by
 * a FROM with an optional {@code AS name} (case-insensitive, referable by later stages).
 */
final class BuildPlan {
  record Stage(int index, String name, Instruction from, String image, List<Instruction> body) {
    String label() {
      return name.isEmpty() ? "stage-" + index : name;
    }
  }

  private final List<Instruction> globalArgs;
  private final List<Stage> stages;
  private final Map<String, Stage> byName;

  private BuildPlan(List<Instruction> globalArgs, List<Stage> stages, Map<String, Stage> byName) {
    this.globalArgs = globalArgs;
    this.stages = stages;
    this.byName = byName;
  }

  static BuildPlan of(Dockerfile dockerfile) {
    List<Instruction> globals = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Map<String, Stage> byName = new HashMap<>();
    Instruction from = null;
    List<Instruction> body = new ArrayList<>();
    for (Instruction i : dockerfile.instructions()) {
      if (i.keyword().equals("FROM")) {
        if (from != null) {
          add(stages, byName, from, body, dockerfile.escape());
        }
        from = i;
        body = new ArrayList<>();
      } else if (from == null) {
        if (!i.keyword().equals("ARG")) {
          throw BuildFailure.at(i, i.keyword() + " before the first FROM (only ARG may come first)");
        }
        globals.add(i);
      } else {
        body.add(i);
      }
    }
    if (from == null) {
      throw BuildFailure.at(0, "", "the Dockerfile has no FROM instruction");
    }
    add(stages, byName, from, body, dockerfile.escape());
    return new BuildPlan(globals, stages, byName);
  }

  private static void add(List<Stage> stages, Map<String, Stage> byName, Instruction from,
      List<Instruction> body, char escape) {
    List<String> words = KeyValues.rawWords(from.args(), escape);
    String name = "";
    if (words.size() == 3 && words.get(1).equalsIgnoreCase("as")) {
      name = words.get(2).toLowerCase(Locale.ROOT);
      if (!name.matches("[a-z][a-z0-9._-]*")) {
        throw BuildFailure.at(from, "invalid stage name '" + words.get(2) + "'");
      }
    } else if (words.size() != 1) {
      throw BuildFailure.at(from, "FROM needs an image and optionally AS <name>");
    }
    Stage stage = new Stage(stages.size(), name, from, words.get(0), List.copyOf(body));
    if (!name.isEmpty() && byName.put(name, stage) != null) {
      throw BuildFailure.at(from, "duplicate stage name '" + name + "'");
    }
    stages.add(stage);
  }

  List<Instruction> globalArgs() {
    return globalArgs;
  }

  /** The stage to build: named or numbered by {@code target}, else the last one. */
  Stage target(String target) {
    if (target.isEmpty()) {
      return stages.get(stages.size() - 1);
    }
    Stage stage = lookup(target, stages.size());
    if (stage == null) {
      throw BuildFailure.at(0, "", "target stage '" + target + "' not found");
    }
    return stage;
  }

  List<Stage> stages() {
    return stages;
  }

  /** A stage named or numbered {@code ref} that is defined before stage {@code before}. */
  Stage lookup(String ref, int before) {
    Stage stage = byName.get(ref.toLowerCase(Locale.ROOT));
    if (stage == null && ref.matches("\\d{1,6}")) {
      int index = Integer.parseInt(ref);
      stage = index < stages.size() ? stages.get(index) : null;
    }
    return stage != null && stage.index() < before ? stage : null;
  }
}
