package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meridian logout REGISTRY}: removes the stored credentials. */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = "Remove the stored credentials of a registry.")
public final class LogoutCommand implements Runnable {

  private final Session session;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "host[:port]")
  String registry;

  LogoutCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!session.auth().remove(registry)) {
      throw new CliException(ExitCode.NOT_FOUND, "NOT_LOGGED_IN", "no credentials stored for " + registry);
    }
    session.out().println("Removed credentials for " + registry);
  }
}
