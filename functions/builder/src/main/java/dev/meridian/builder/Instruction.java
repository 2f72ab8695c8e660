package dev.meridian.builder;

import java.util.List;
import java.util.Map;

/**
 * One Dockerfile instruction after line continuations and comments are removed.
 *
 * @param keyword the upper-case instruction, e.g. {@code COPY}
 * @param line the 1-based line where the instruction starts
 * @param flags {@code --name=value} flags before the arguments, in order (a bare {@code --name}
 *     has the value {@code ""}); only for instructions that take flags
 * @param args the arguments after the flags, raw (no substitution yet)
 * @param json the exec/JSON form's strings when the arguments are a JSON array of strings, else
 *     null (shell form)
 * @param original the instruction as written (continuations joined), for logs and history
 */
public record Instruction(
    String keyword,
    int line,
    Map<String, String> flags,
    String args,
    List<String> json,
    String original) {

  public Instruction {
    flags = Map.copyOf(flags);
    json = json == null ? null : List.copyOf(json);
  }

  public boolean isJson() {
    return json != null;
  }

  /** A flag's value, or null when absent. */
  public String flag(String name) {
    return flags.get(name);
  }
}
