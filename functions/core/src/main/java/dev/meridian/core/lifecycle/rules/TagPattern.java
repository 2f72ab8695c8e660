package dev.meridian.core.lifecycle.rules;

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
    return regex().matcher(tag).matches();
  }

  /** {@code *} → {@code .*}, {@code ?} → {@code .}, the rest quoted (tag characters only). */
  private Pattern regex() {
    StringBuilder r = new StringBuilder();
    for (char c : glob.toCharArray()) {
      r.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(r.toString());
  }

  @Override
  public String toString() {
    return glob;
  }
}
