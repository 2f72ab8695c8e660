package dev.meridian.core.http;

/**
 * Makes a value safe to put in a log line: control characters (C0, DEL, C1) and the Unicode line
 * and paragraph separators are written as escapes ({@code \n}, {@code \r}, {@code \t}, {@code
 * \u001b}), so a request path carrying {@code %0a} cannot start a forged log line
 * (OWASP "Log Injection"). Everything else is kept, so a log still reads as the request.
 */
public final class LogText {
  private LogText() {}

  public static String escape(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!needsEscape(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }
}
