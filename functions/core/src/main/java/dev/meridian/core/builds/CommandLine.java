package dev.meridian.core.builds;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a task file's {@code build} and {@code cmd} text into words as a POSIX shell would for
 * plain words: blanks separate, {@code '…'} is literal, {@code "…"} keeps blanks and honours
 * {@code \"} and {@code \\}, a backslash outside quotes escapes the next character. No
 * expansion of any kind: the words go to the builder or to the container as they are.
 */
final class CommandLine {
  private CommandLine() {}

  static List<String> split(String text, String where) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < text.length()
            && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        inWord = true;
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException(where + ": unterminated " + quote + " quote");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
