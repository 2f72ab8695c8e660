package dev.meridian.builder;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path pattern with Go's {@code filepath.Match} syntax, which COPY/ADD sources and {@code
 * .dockerignore} use: {@code *} (any run of non-separators), {@code ?} (one non-separator),
 * {@code [...]} / {@code [^...]} classes, {@code \} escapes. {@code .dockerignore} adds {@code
 * **}, matching any number of directories, even none (moby/patternmatcher).
 */
final class PathPattern {
  private final String source;
  private final Pattern regex;

  private PathPattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  static boolean hasMeta(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** Compiles a cleaned pattern; {@code doubleStar} enables {@code **}. */
  static PathPattern compile(String pattern, boolean doubleStar) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i++);
      if (c == '*') {
        if (doubleStar && i < pattern.length() && pattern.charAt(i) == '*') {
          i++;
          if (i < pattern.length() && pattern.charAt(i) == '/') {
            i++;
          }
          re.append(i >= pattern.length() ? ".*" : "(.*/)?");
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\' && i < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(i++))));
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("syntax error in pattern: " + pattern);
        }
        String body = pattern.substring(i, end);
        i = end + 1;
        StringBuilder cls = new StringBuilder("[");
        int j = 0;
        if (body.startsWith("^")) {
          cls.append('^');
          j = 1;
        }
        for (; j < body.length(); j++) {
          char b = body.charAt(j);
          if (b == '\\' && j + 1 < body.length()) {
            b = body.charAt(++j);
            cls.append('\\').append(b);
          } else if (b == '-') {
            cls.append('-');
          } else if (Character.isLetterOrDigit(b)) {
            cls.append(b);
          } else {
            cls.append('\\').append(b);
          }
        }
        re.append(cls).append(']');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return new PathPattern(pattern, Pattern.compile(re.toString()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("syntax error in pattern: " + pattern, e);
    }
  }

  boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
