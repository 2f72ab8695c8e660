package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.output.OutputOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian robot create|list|rotate|delete}: accounts for CI, whose secret the registry
 * generates and shows once. {@code -q} prints the secret alone, for a pipe into {@code meridian login}.
 */
@Command(name = "robot", mixinStandardHelpOptions = true, description = "Robot accounts for CI (admin).",
    subcommands = {RobotCommand.Create.class, RobotCommand.ListRobots.class, RobotCommand.Rotate.class,
        UserCommand.Delete.class})
public final class RobotCommand {

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a robot; prints its secret once.")
  static final class Create implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--grant", paramLabel = "REPOS=ACTIONS", description = "e.g. 'team/**=pull,push' (repeatable).")
    List<String> grants;
    @Option(names = "--permission", split = ",", paramLabel = "PERMISSION", description = "catalog, builds, webhooks.")
    List<String> permissions;
    @Option(names = {"-q", "--quiet"}, description = "Print only the secret.")
    boolean quiet;

    Create(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name).put("kind", "robot");
      body.set("grants", Accounts.grants(grants));
      if (permissions != null) {
        permissions.forEach(body.putArray("permissions")::add);
      }
      printSecret(session, name, session.client().json("POST", Accounts.PATH, body), quiet);
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List robots.")
  static final class ListRobots implements Runnable {
    private final Session session;
    @Mixin OutputOption output;

    ListRobots(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      Accounts.list(session, output, "robot");
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Give a robot a new secret (the old one stops working).")
  static final class Rotate implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = {"-q", "--quiet"}, description = "Print only the secret.")
    boolean quiet;

    Rotate(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      printSecret(session, name, session.client().json("POST", Accounts.PATH + "/" + name + "/secret", null), quiet);
    }
  }

  static void printSecret(Session session, String name, JsonNode answer, boolean quiet) {
    String secret = answer.path("secret").asText();
    session.out().println(quiet ? secret : "Robot " + name + " secret (shown once): " + secret);
  }
}
