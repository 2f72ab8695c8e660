package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.output.OutputOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian user create|list|show|set-password|delete} (admin; docs/security.md). */
@Command(name = "user", mixinStandardHelpOptions = true, description = "People's accounts (admin).",
    subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Show.class,
        UserCommand.SetPassword.class, UserCommand.Delete.class})
public final class UserCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a user; the password is read from standard input (8+ characters).")
  static final class Create implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--grant", paramLabel = "REPOS=ACTIONS", description = "e.g. 'team/**=pull,push' (repeatable).")
    List<String> grants;
    @Option(names = "--permission", split = ",", paramLabel = "PERMISSION",
        description = "admin, catalog, builds, webhooks (comma-separated).")
    List<String> permissions;

    Create(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name).put("kind", "user")
          .put("password", Accounts.readSecret(session));
      body.set("grants", Accounts.grants(grants));
      if (permissions != null) {
        permissions.forEach(body.putArray("permissions")::add);
      }
      session.client().json("POST", Accounts.PATH, body);
      session.out().println("Created user " + name);
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List users and robots.")
  static final class ListUsers implements Runnable {
    private final Session session;
    @Mixin OutputOption output;

    ListUsers(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      Accounts.list(session, output, null);
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One account (never its secret).")
  static final class Show implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    Show(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      OutputOption.printJson(session.out(), session.client().getJson(Accounts.PATH + "/" + name));
    }
  }

  @Command(name = "set-password", mixinStandardHelpOptions = true,
      description = "Replace a user's password with the one on standard input.")
  static final class SetPassword implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    SetPassword(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("password", Accounts.readSecret(session));
      session.client().json("PUT", Accounts.PATH + "/" + name, body);
      session.out().println("Password of " + name + " changed");
    }
  }

  @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
      description = "Delete an account (user or robot); its name is not reused.")
  static final class Delete implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    Delete(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      session.client().json("DELETE", Accounts.PATH + "/" + name, null);
      session.out().println("Deleted " + name);
    }
  }
}
