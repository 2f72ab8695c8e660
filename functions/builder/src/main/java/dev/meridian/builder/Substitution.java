package dev.meridian.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Environment replacement as the Dockerfile reference defines it (section "Environment
 * replacement"; moby/buildkit {@code frontend/dockerfile/shell/lex.go}): {@code $name}, {@code
 * ${name}}, {@code ${name:-word}} / {@code ${name-word}} (default when unset or empty / unset),
 * {@code ${name:+word}} / {@code ${name+word}} (alternative when set and non-empty / set), and
 * {@code ${name:?message}} / {@code ${name?message}} (fail). An unset variable expands to "".
 * As in Docker's lexer, quotes are removed ({@code '...'} is literal, {@code "..."} still
 * expands) and the escape character makes the next character literal, so {@code \$HOME} stays
 * {@code $HOME}.
 */
final class Substitution {
  private final Map<String, String> vars;
  private final char escape;
  private String text;
  private int pos;
  private List<String> words;
  private StringBuilder word;
  private boolean wordStarted;

  Substitution(Map<String, String> vars, char escape) {
    this.vars = vars;
    this.escape = escape;
  }

  /** One word: expanded, quotes removed, whitespace kept. */
  String word(String input) {
    start(input, false);
    String result = until((char) 0, false);
    return result;
  }

  /** Words split at unquoted whitespace, also whitespace that came from an unquoted variable. */
  List<String> words(String input) {
    start(input, true);
    until((char) 0, true);
    if (wordStarted) {
      words.add(word.toString());
    }
    return words;
  }

  private void start(String input, boolean split) {
    text = input;
    pos = 0;
    words = new ArrayList<>();
    word = new StringBuilder();
    wordStarted = false;
  }

  /** Reads until {@code stop} (unquoted) or the end; when splitting, fills {@link #words}. */
  private String until(char stop, boolean split) {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (stop != 0 && c == stop) {
        return out.toString();
      }
      pos++;
      if (c == '\'') {
        int end = text.indexOf('\'', pos);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote in: " + text);
        }
        emit(out, text.substring(pos, end), split, false);
        pos = end + 1;
        mark(split);
      } else if (c == '"') {
        emit(out, doubleQuoted(), split, false);
        mark(split);
      } else if (c == '$') {
        emit(out, dollar(), split, true);
      } else if (c == escape) {
        if (pos < text.length()) {
          emit(out, String.valueOf(text.charAt(pos++)), split, false);
        }
      } else if (split && Character.isWhitespace(c)) {
        breakWord();
      } else {
        emit(out, String.valueOf(c), split, false);
      }
    }
    if (stop != 0) {
      throw new IllegalArgumentException("missing '" + stop + "' in: " + text);
    }
    return out.toString();
  }

  private String doubleQuoted() {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '$') {
        out.append(dollar());
      } else if (c == escape && pos < text.length()
          && (text.charAt(pos) == '"' || text.charAt(pos) == '$' || text.charAt(pos) == escape)) {
        out.append(text.charAt(pos++));
      } else {
        out.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated double quote in: " + text);
  }

  private String dollar() {
    if (pos >= text.length()) {
      return "$";
    }
    char c = text.charAt(pos);
    if (c == '{') {
      pos++;
      return braced();
    }
    String name = name();
    if (name.isEmpty()) {
      return "$";
    }
    return vars.getOrDefault(name, "");
  }

  private String braced() {
    String name = name();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("bad substitution in: " + text);
    }
    if (pos >= text.length()) {
      throw new IllegalArgumentException("missing '}' in: " + text);
    }
    char c = text.charAt(pos);
    if (c == '}') {
      pos++;
      return vars.getOrDefault(name, "");
    }
    boolean colon = c == ':';
    if (colon) {
      pos++;
    }
    if (pos >= text.length()) {
      throw new IllegalArgumentException("missing '}' in: " + text);
    }
    char modifier = text.charAt(pos++);
    // The word after the modifier may itself hold variables; it is not split into words.
    List<String> savedWords = words;
    StringBuilder savedWord = word;
    boolean savedStarted = wordStarted;
    String arg = until('}', false);
    words = savedWords;
    word = savedWord;
    wordStarted = savedStarted;
    pos++; // the '}'
    String value = vars.get(name);
    boolean set = value != null && (!colon || !value.isEmpty());
    return switch (modifier) {
      case '-' -> set ? value : arg;
      case '+' -> set ? arg : "";
      case '?' -> {
        if (!set) {
          throw new IllegalArgumentException(name + ": "
              + (arg.isEmpty() ? "is not allowed to be unset" : arg));
        }
        yield value;
      }
      default -> throw new IllegalArgumentException(
          "unsupported modifier (" + modifier + ") in substitution: " + text);
    };
  }

  private String name() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void emit(StringBuilder out, String s, boolean split, boolean fromVariable) {
    out.append(s);
    if (!split) {
      return;
    }
    if (!fromVariable) {
      word.append(s);
      if (!s.isEmpty()) {
        wordStarted = true;
      }
      return;
    }
    for (char c : s.toCharArray()) {
      if (Character.isWhitespace(c)) {
        breakWord();
      } else {
        word.append(c);
        wordStarted = true;
      }
    }
  }

  /** Quotes make a word even when empty ({@code ""} is one empty argument). */
  private void mark(boolean split) {
    if (split) {
      wordStarted = true;
    }
  }

  private void breakWord() {
    if (wordStarted) {
      words.add(word.toString());
    }
    word = new StringBuilder();
    wordStarted = false;
  }
}
