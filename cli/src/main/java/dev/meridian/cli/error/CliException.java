package dev.meridian.cli.error;

import dev.meridian.cli.Meridian;

/**
 * A failure the CLI reports as one line ({@code CODE: message}) with the exit code of its class;
 * {@link Meridian} prints it, never a stack trace.
 */
public class CliException extends RuntimeException {

  private final ExitCode exitCode;
  private final String code;

  public CliException(ExitCode exitCode, String code, String message) {
    super(message);
    this.exitCode = exitCode;
    this.code = code;
  }

  public static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, "USAGE", message);
  }

  public static CliException invalid(String message) {
    return new CliException(ExitCode.INVALID, "INVALID", message);
  }

  public static CliException io(String message) {
    return new CliException(ExitCode.SERVER, "IO", message);
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  /** The OCI error code (e.g. {@code MANIFEST_UNKNOWN}) or the CLI's own class name for it. */
  public String code() {
    return code;
  }

  /** The line printed to stderr. */
  public String line() {
    return code + ": " + getMessage();
  }
}
