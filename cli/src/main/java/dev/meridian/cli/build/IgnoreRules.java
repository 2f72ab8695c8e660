package dev.meridian.cli.build;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} as the docker CLI applies it when it sends a context (Dockerfile reference,
 * ".dockerignore file"): one pattern per line, {@code #} comments, {@code !} re-includes, the last
 * matching line wins; {@code *} and {@code ?} stay within a path component, {@code **} spans any
 * number; a pattern that matches a directory excludes everything under it; a leading {@code /} or
 * {@code ./} is dropped.
 */
public final class IgnoreRules {

  private record Rule(Pattern pattern, boolean include) {}

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = rules;
  }

  public static IgnoreRules parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean include = line.startsWith("!");
      String pattern = include ? line.substring(1).strip() : line;
      while (pattern.startsWith("/") || pattern.startsWith("./")) {
        pattern = pattern.substring(pattern.startsWith("/") ? 1 : 2);
      }
      while (pattern.endsWith("/") && pattern.length() > 1) {
        pattern = pattern.substring(0, pattern.length() - 1);
      }
      if (!pattern.isEmpty()) {
        rules.add(new Rule(Pattern.compile(regex(pattern)), include));
      }
    }
    return new IgnoreRules(rules);
  }

  /** Whether {@code path} ('/'-separated, relative to the context) is left out. */
  public boolean excludes(String path) {
    boolean excluded = false;
    for (Rule rule : rules) {
      if (matchesSelfOrParent(rule.pattern(), path)) {
        excluded = !rule.include();
      }
    }
    return excluded;
  }

  private static boolean matchesSelfOrParent(Pattern pattern, String path) {
    if (pattern.matcher(path).matches()) {
      return true;
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (pattern.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  static String regex(String glob) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean slashFollows = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        b.append(slashFollows ? "(?:.*/)?" : ".*");
        i += slashFollows ? 2 : 1;
      } else if (c == '*') {
        b.append("[^/]*");
      } else if (c == '?') {
        b.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 1);
        if (end < 0) {
          b.append("\\[");
        } else {
          String set = glob.substring(i + 1, end);
          b.append('[').append(set.startsWith("^") || set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
          i = end;
        }
      } else if (c == '\\' && i + 1 < glob.length()) {
        b.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }
}
