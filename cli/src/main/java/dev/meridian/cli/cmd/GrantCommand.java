package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian grant add|remove|list ACCOUNT …}: an account's repository grants. The API replaces
 * the grant list as a whole (PUT /users/&lt;name&gt;), so this reads it, edits it and writes it back.
 */
@Command(name = "grant", mixinStandardHelpOptions = true, description = "Repository grants of an account (admin).",
    subcommands = {GrantCommand.Add.class, GrantCommand.Remove.class, GrantCommand.ListGrants.class})
public final class GrantCommand {

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Grant actions on repositories, e.g. grant add ci 'team/**=pull,push'.")
  static final class Add implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "ACCOUNT") String account;
    @Parameters(index = "1", paramLabel = "REPOS=ACTIONS") String grant;

    Add(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode added = Accounts.grant(grant);
      ArrayNode grants = without(current(session, account), added.path("repositories").asText());
      grants.add(added);
      write(session, account, grants);
      session.out().println("Granted " + grant + " to " + account);
    }
  }

  @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
      description = "Remove the grant on a repository pattern.")
  static final class Remove implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "ACCOUNT") String account;
    @Parameters(index = "1", paramLabel = "REPOS") String repositories;

    Remove(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode before = current(session, account);
      ArrayNode after = without(before, repositories);
      if (after.size() == before.size()) {
        throw new CliException(ExitCode.NOT_FOUND, "NAME_UNKNOWN", account + " has no grant on " + repositories);
      }
      write(session, account, after);
      session.out().println("Removed the grant on " + repositories + " from " + account);
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "An account's grants.")
  static final class ListGrants implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "ACCOUNT") String account;

    ListGrants(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode grants = current(session, account);
      output.print(session.out(), JsonNodeFactory.instance.objectNode().set("grants", grants), node -> {
        Table t = Table.of("repositories", "actions");
        grants.forEach(g -> t.row(g.path("repositories"), WebhookCommand.join(g.path("actions"))));
        return t;
      });
    }
  }

  private static JsonNode current(Session session, String account) {
    return session.client().getJson(Accounts.PATH + "/" + account).path("grants");
  }

  private static ArrayNode without(JsonNode grants, String repositories) {
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    grants.forEach(g -> {
      if (!g.path("repositories").asText().equals(repositories)) {
        kept.add(g);
      }
    });
    return kept;
  }

  private static void write(Session session, String account, ArrayNode grants) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("grants", grants);
    session.client().json("PUT", Accounts.PATH + "/" + account, body);
  }
}
