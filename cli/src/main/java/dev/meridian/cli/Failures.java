package dev.meridian.cli;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** One line per failure, no stack trace, an exit code per class ({@link ExitCode}). */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  private final Session session;

  Failures(Session session) {
    this.session = session;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof CliException failure) {
      session.err().println(failure.line());
      return failure.exitCode().code();
    }
    if (e instanceof UncheckedIOException io) {
      session.err().println("IO: " + io.getCause().getMessage());
      return ExitCode.SERVER.code();
    }
    session.err().println("ERROR: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    return ExitCode.SERVER.code();
  }

  static int usage(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println("USAGE: " + e.getMessage());
    cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
    return ExitCode.USAGE.code();
  }

  static int exitCode(Throwable t) {
    return t instanceof CliException failure ? failure.exitCode().code() : ExitCode.SERVER.code();
  }
}
