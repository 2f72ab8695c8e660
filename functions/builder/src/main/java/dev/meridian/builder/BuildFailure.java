package dev.meridian.builder;

/**
 * Why a build stopped, with the Dockerfile line and instruction that caused it (line 0 and an
 * empty instruction when no single instruction is to blame, e.g. an unreadable context). {@link
 * #system()} separates faults of the registry or the runner (the run's {@code Error} state) from
 * faults of the user's Dockerfile or context ({@code Failed}).
 */
public final class BuildFailure extends RuntimeException {
  private final int line;
  private final String instruction;
  private final boolean system;

  BuildFailure(int line, String instruction, String message, boolean system, Throwable cause) {
    super(message, cause);
    this.line = line;
    this.instruction = instruction == null ? "" : instruction;
    this.system = system;
  }

  static BuildFailure at(int line, String instruction, String message) {
    return new BuildFailure(line, instruction, message, false, null);
  }

  static BuildFailure at(Instruction instruction, String message) {
    return at(instruction.line(), instruction.keyword(), message);
  }

  static BuildFailure system(String message, Throwable cause) {
    return new BuildFailure(0, "", message, true, cause);
  }

  /** The same failure, attributed to {@code instruction} if it names none yet. */
  BuildFailure attributedTo(Instruction instruction) {
    if (line > 0) {
      return this;
    }
    BuildFailure f = new BuildFailure(instruction.line(), instruction.keyword(), getMessage(),
        system, getCause());
    return f;
  }

  public int line() {
    return line;
  }

  public String instruction() {
    return instruction;
  }

  public boolean system() {
    return system;
  }

  /** The log line a user reads: {@code ERROR: line 7: RUN: <message>}. */
  public String logLine() {
    if (line <= 0) {
      return "ERROR: " + getMessage();
    }
    return "ERROR: line " + line + ": " + instruction + ": " + getMessage();
  }
}
