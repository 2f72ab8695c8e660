package dev.meridian.app.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sam deploy --parameter-overrides} as SAM CLI parses it (samcli/cli/types.py,
 * {@code CfnParameterOverridesType}, with the option taking every following word up to the next
 * option): each word is {@code Key=Value} or {@code ParameterKey=Key,ParameterValue=Value}; a key
 * is letters, digits and quotes; a value is a double- or single-quoted string (possibly empty)
 * or a non-empty run of characters other than space, {@code "} and {@code \} (backslash escapes
 * allowed). A word with no such pair is rejected ("... is not in valid format"), which is what
 * {@code Peers=} gets; {@code Peers=""} is accepted and unquoted to an empty value.
 */
final class SamParameterOverrides {

  private static final String KEY = "([A-Za-z0-9\"']+)";
  private static final String VALUE = "(\"(?:\\\\.|[^\"\\\\]+)*\"|'(?:\\\\.|[^'\\\\]+)*'|(?:\\\\.|[^ \"\\\\]+)+)";
  private static final Pattern LONG_FORM = Pattern.compile("(?:ParameterKey=" + KEY + ",ParameterValue=" + VALUE + ")");
  private static final Pattern SHORT_FORM = Pattern.compile("(?:(?: )" + KEY + "=" + VALUE + ")");

  private SamParameterOverrides() {}

  /** The overrides of one {@code sam deploy} argument vector. */
  static Map<String, String> parse(List<String> argv) {
    int start = argv.indexOf("--parameter-overrides");
    Map<String, String> out = new LinkedHashMap<>();
    if (start < 0) {
      return out;
    }
    for (String word : argv.subList(start + 1, argv.size())) {
      if (word.startsWith("--")) {
        break;
      }
      String normalized = " " + word.strip();
      Pattern pattern = LONG_FORM.matcher(normalized).find() ? LONG_FORM
          : SHORT_FORM.matcher(normalized).find() ? SHORT_FORM : null;
      if (pattern == null) {
        throw new IllegalArgumentException(word + " is not in valid format (SAM CLI's "
            + "--parameter-overrides parser)");
      }
      Matcher m = pattern.matcher(normalized);
      while (m.find()) {
        out.put(unquote(m.group(1)), unquote(m.group(2)));
      }
    }
    return out;
  }

  private static String unquote(String value) {
    String v = value;
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v.replace("\\ ", " ").replace("\\\"", "\"").replace("\\'", "'");
  }
}
