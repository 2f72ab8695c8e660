package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.http.Pages;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code meridian repo list}: the catalog, every page. */
@Command(name = "repo", mixinStandardHelpOptions = true, description = "Repositories.",
    subcommands = RepoCommand.List.class)
public final class RepoCommand {

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "List the registry's repositories (GET /v2/_catalog; needs the catalog permission).")
  static final class List implements Runnable {
    private final Session session;
    @Mixin OutputOption output;

    List(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      java.util.List<String> names = Pages.strings(session.client(), "/v2/_catalog", "repositories");
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      names.forEach(json.putArray("repositories")::add);
      output.print(session.out(), json, node -> table(names));
    }

    private static Table table(java.util.List<String> names) {
      Table t = Table.of("repository");
      names.forEach(t::row);
      return t;
    }
  }
}
