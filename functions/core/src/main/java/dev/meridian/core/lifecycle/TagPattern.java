package dev.meridian.core.lifecycle;

import java.util.regex.Pattern;

/**
 * A glob over tags, as ECR's {@code imageTagMutabilityExclusionFilters} and Harbor's tag filters
 * write them: {@code *} matches any run of characters, {@code ?} one; everything else (the tag
 * grammar {@code [A-Za-z0-9_.-]}) matches itself. {@code v*} is every tag starting with v.
 */
public record TagPattern(String glob) {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.*?-]{1,128}");

  public TagPattern {
    if (glob == null || !ALLOWED.matcher(glob).matches()) {
      throw new IllegalArgumentException("invalid tag pattern: " + glob
          + " (tag characters and the wildcards * and ?)");
    }
  }

  public boolean matches(String tag) {
    return matches(0, tag, 0);
  }

  private boolean matches(int pi, String s, int si) {
    while (pi < glob.length()) {
      char c = glob.charAt(pi);
      if (c == '*') {
        for (int end = si; end <= s.length(); end++) {
          if (matches(pi + 1, s, end)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || (c != '?' && s.charAt(si) != c)) {
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
