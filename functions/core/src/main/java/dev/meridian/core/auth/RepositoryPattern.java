package dev.meridian.core.auth;

import java.util.regex.Pattern;

/**
 * A glob over repository names, as grants and the anonymous-pull switch use them: {@code *}
 * matches within one path component, {@code **} across components ({@code team/**} is every
 * repository under {@code team/}; {@code **} alone is every repository). Other characters match
 * themselves and must be those of the distribution spec's name grammar.
 */
public record RepositoryPattern(String glob) {
  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._/*-]{1,255}");

  public RepositoryPattern {
    if (glob == null || !ALLOWED.matcher(glob).matches() || glob.contains("***")
        || glob.startsWith("/") || glob.endsWith("/") || glob.contains("//")
        || java.util.Arrays.stream(glob.split("/")).anyMatch(c -> c.equals(".") || c.equals(".."))) {
      throw new IllegalArgumentException("invalid repository pattern: " + glob
          + " (lower-case name characters, / and the wildcards * and **)");
    }
  }

  public static RepositoryPattern of(String glob) {
    return new RepositoryPattern(glob);
  }

  public boolean matches(String repository) {
    return matches(glob, 0, repository, 0);
  }

  /** Backtracking glob match; patterns are short (≤ 255) and names bounded, so this stays cheap. */
  private static boolean matches(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        boolean deep = pi + 1 < p.length() && p.charAt(pi + 1) == '*';
        int next = pi + (deep ? 2 : 1);
        for (int end = si; end <= s.length(); end++) {
          if (matches(p, next, s, end)) {
            return true;
          }
          if (end < s.length() && !deep && s.charAt(end) == '/') {
            return false;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }

  @Override
  public String toString() {
    return glob;
  }
}
