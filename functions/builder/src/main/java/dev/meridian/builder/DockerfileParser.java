package dev.meridian.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Dockerfile text into {@link Instruction}s, following the Dockerfile reference
 * (docs.docker.com/reference/dockerfile): parser directives ({@code # syntax=}, {@code # escape=})
 * only at the very top, before any comment, blank line or instruction; comment lines start with
 * {@code #} after optional whitespace and are dropped even inside a continuation; a line ending
 * in the escape character (trailing blanks allowed) continues on the next one; keywords are
 * case-insensitive. Arguments stay raw here: variable substitution depends on the stage's
 * variables, so the executor applies it, and only in the instructions where Docker does.
 */
public final class DockerfileParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIRECTIVE =
      Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9_-]*)\\s*=\\s*(.*?)\\s*");
  /** Every instruction of the reference; which of them the builder runs is the executor's call. */
  static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV",
      "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
      "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");
  private static final Set<String> TAKE_FLAGS = Set.of("FROM", "COPY", "ADD", "RUN", "HEALTHCHECK");
  private static final Set<String> TAKE_JSON =
      Set.of("CMD", "ENTRYPOINT", "RUN", "SHELL", "COPY", "ADD", "VOLUME");

  public Dockerfile parse(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    int first = 0;
    char escape = '\\';
    Map<String, String> directives = new LinkedHashMap<>();
    for (; first < lines.length; first++) {
      Matcher m = DIRECTIVE.matcher(lines[first]);
      if (!m.matches()) {
        break;
      }
      String name = m.group(1).toLowerCase(Locale.ROOT);
      if (directives.put(name, m.group(2)) != null) {
        throw BuildFailure.at(first + 1, "", "parser directive '" + name + "' given twice");
      }
      if (name.equals("escape")) {
        String value = m.group(2);
        if (!value.equals("\\") && !value.equals("`")) {
          throw BuildFailure.at(first + 1, "",
              "invalid escape directive '" + value + "': must be \\ or `");
        }
        escape = value.charAt(0);
      }
    }
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = null;
    int start = 0;
    for (int i = first; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        // Comments and blank lines vanish, also inside a continued instruction (Docker warns
        // about empty continuation lines but still accepts them).
        continue;
      }
      if (current == null) {
        current = new StringBuilder();
        start = i + 1;
        line = line.stripLeading();
      }
      String body = line.stripTrailing();
      if (!body.isEmpty() && body.charAt(body.length() - 1) == escape) {
        current.append(body, 0, body.length() - 1);
        continue;
      }
      current.append(line);
      instructions.add(instruction(current.toString().strip(), start));
      current = null;
    }
    if (current != null && !current.toString().isBlank()) {
      instructions.add(instruction(current.toString().strip(), start));
    }
    return new Dockerfile(escape, instructions);
  }

  private static Instruction instruction(String text, int line) {
    int space = indexOfBlank(text, 0);
    String word = space < 0 ? text : text.substring(0, space);
    String keyword = word.toUpperCase(Locale.ROOT);
    if (!KEYWORDS.contains(keyword)) {
      throw BuildFailure.at(line, word, "unknown instruction: " + word);
    }
    String rest = space < 0 ? "" : text.substring(space).strip();
    Map<String, String> flags = new LinkedHashMap<>();
    if (TAKE_FLAGS.contains(keyword)) {
      while (rest.startsWith("--")) {
        int end = indexOfBlank(rest, 0);
        String flag = end < 0 ? rest : rest.substring(0, end);
        int eq = flag.indexOf('=');
        String name = eq < 0 ? flag.substring(2) : flag.substring(2, eq);
        if (name.isEmpty()) {
          throw BuildFailure.at(line, keyword, "empty flag name in '" + flag + "'");
        }
        if (flags.put(name, eq < 0 ? "" : flag.substring(eq + 1)) != null) {
          throw BuildFailure.at(line, keyword, "flag --" + name + " given twice");
        }
        rest = end < 0 ? "" : rest.substring(end).strip();
      }
    }
    List<String> json = TAKE_JSON.contains(keyword) ? jsonArray(rest) : null;
    return new Instruction(keyword, line, flags, rest, json, text);
  }

  /**
   * The exec form: a JSON array of strings. Anything else starting with {@code [} is shell form,
   * as in Docker (the reference: "if the JSON is malformed, the shell form is used").
   */
  private static List<String> jsonArray(String args) {
    if (!args.startsWith("[")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(args);
      if (node == null || !node.isArray()) {
        return null;
      }
      List<String> values = new ArrayList<>();
      for (JsonNode element : node) {
        if (!element.isTextual()) {
          return null;
        }
        values.add(element.asText());
      }
      return values;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static int indexOfBlank(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
