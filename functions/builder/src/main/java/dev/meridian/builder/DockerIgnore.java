package dev.meridian.builder;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code .dockerignore} rules (Dockerfile reference, ".dockerignore file"; moby/patternmatcher):
 * one pattern per line; lines starting with {@code #} are comments; each pattern is cleaned like
 * Go's {@code filepath.Clean} with leading slashes dropped, so it is relative to the context
 * root; a leading {@code !} makes an exception. A pattern excludes a path when it matches the
 * path or one of its parent directories; the last pattern that matches decides.
 */
final class DockerIgnore {
  private record Rule(PathPattern pattern, boolean exclusion) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  static DockerIgnore none() {
    return new DockerIgnore(List.of());
  }

  static DockerIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exception = line.startsWith("!");
      if (exception) {
        line = line.substring(1).strip();
      }
      String cleaned = TreePaths.clean(line);
      if (cleaned.isEmpty()) {
        continue; // "/" or "." would exclude the context itself; Docker ignores such lines too
      }
      rules.add(new Rule(PathPattern.compile(cleaned, true), !exception));
    }
    return new DockerIgnore(rules);
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  boolean excludes(String path) {
    boolean excluded = false;
    for (Rule rule : rules) {
      if (matchesOrParent(rule.pattern(), path)) {
        excluded = rule.exclusion();
      }
    }
    return excluded;
  }

  private static boolean matchesOrParent(PathPattern pattern, String path) {
    for (String p = path; !p.isEmpty(); p = TreePaths.parent(p)) {
      if (pattern.matches(p)) {
        return true;
      }
    }
    return false;
  }
}
