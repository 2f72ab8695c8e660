package dev.meridian.builder;

import java.util.Map;
import java.util.TreeMap;

/**
 * WORKDIR: sets {@code config.WorkingDir} (relative paths are joined to the previous one) and,
 * as Docker does, creates the directory and missing parents when the stage lacks them, in a new
 * layer. The directories belong to the current USER when it is numeric or root (BuildKit creates
 * them as that user); a named USER cannot be looked up without the image's {@code /etc/passwd},
 * so they stay root-owned.
 */
final class WorkdirInstruction {
  private final StageFiles files;
  private final char escape;

  WorkdirInstruction(StageFiles files, char escape) {
    this.files = files;
    this.escape = escape;
  }

  /** Returns the entries of the layer to add, empty when the directory exists. */
  Map<String, FileNode> run(Instruction i, StageState s) {
    String path = new Substitution(s.variables(), escape).word(i.args());
    if (path.isBlank()) {
      throw BuildFailure.at(i, "WORKDIR needs a path");
    }
    String absolute = path.startsWith("/") ? path : s.workingDir() + "/" + path;
    String cleaned = TreePaths.clean(absolute);
    s.config.put("WorkingDir", "/" + cleaned);
    FileTree names = files.names(s);
    String resolved = names.resolve(cleaned);
    Map<String, FileNode> out = new TreeMap<>();
    int[] owner = ConfigInstructions.numericUser(s.config.get("User"));
    if (owner == null) {
      owner = new int[] {0, 0};
    }
    for (String p = resolved; !p.isEmpty(); p = TreePaths.parent(p)) {
      FileNode existing = names.get(p);
      if (existing != null) {
        if (!existing.isDir()) {
          throw BuildFailure.at(i, "/" + p + " exists and is not a directory");
        }
        break;
      }
      out.put(p, FileNode.dir(0755, owner[0], owner[1]));
    }
    return out;
  }
}
