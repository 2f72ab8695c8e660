package dev.meridian.builder;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code key=value ...} arguments of ENV, LABEL and ARG (moby/buildkit {@code
 * parser/line_parsers.go} {@code parseNameVal}): words are split at whitespace outside quotes,
 * keeping quotes and escapes for the later substitution, then each word is cut at its first
 * {@code =}. The legacy form {@code ENV key value with spaces} (no {@code =} in the first word)
 * takes the rest of the line as the value.
 */
final class KeyValues {
  private KeyValues() {}

  /** A raw pair: both parts still need substitution; {@code value} is null for a bare name. */
  record Pair(String key, String value) {}

  static List<Pair> parse(String args, char escape, boolean legacyAllowed) {
    List<String> words = rawWords(args, escape);
    List<Pair> pairs = new ArrayList<>();
    if (words.isEmpty()) {
      return pairs;
    }
    if (legacyAllowed && !words.get(0).contains("=")) {
      int space = DockerfileParser.indexOfBlank(args, 0);
      if (space < 0) {
        throw new IllegalArgumentException("needs a value: " + args);
      }
      pairs.add(new Pair(words.get(0), args.substring(space).strip()));
      return pairs;
    }
    for (String word : words) {
      int eq = word.indexOf('=');
      pairs.add(eq < 0 ? new Pair(word, null)
          : new Pair(word.substring(0, eq), word.substring(eq + 1)));
    }
    return pairs;
  }

  /** Whitespace-separated words; quotes and escapes are kept as written. */
  static List<String> rawWords(String s, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
        continue;
      }
      word.append(c);
      if (c == escape && i + 1 < s.length() && quote != '\'') {
        word.append(s.charAt(++i));
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unterminated quote in: " + s);
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
