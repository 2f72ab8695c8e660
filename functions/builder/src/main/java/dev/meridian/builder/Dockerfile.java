package dev.meridian.builder;

import java.util.List;

/**
 * A parsed Dockerfile: its escape character (the {@code # escape=} parser directive, {@code \}
 * by default) and its instructions in order.
 */
public record Dockerfile(char escape, List<Instruction> instructions) {
  public Dockerfile {
    instructions = List.copyOf(instructions);
  }
}
