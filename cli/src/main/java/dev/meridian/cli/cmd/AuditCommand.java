package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meridian audit list|verify}: GET /meridian/v1/audit and /meridian/v1/audit/verify
 * (docs/cli.md, docs/console.md "Audit log"; admin).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The audit log: who did what, when, from where (admin).",
    subcommands = {AuditCommand.ListRecords.class, AuditCommand.Verify.class})
public final class AuditCommand {

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "Records of every region, newest first.")
  static final class ListRecords implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Option(names = "--from", paramLabel = "TIME", description = "From this instant or date (UTC), inclusive.")
    String from;
    @Option(names = "--to", paramLabel = "TIME", description = "Up to this instant or date (UTC), exclusive.")
    String to;
    @Option(names = "--actor", paramLabel = "ACCOUNT", description = "Only this account's records.")
    String actor;
    @Option(names = "--repo", paramLabel = "REPOSITORY", description = "Only records about this repository.")
    String repo;
    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. image.push, signin.failure.")
    String action;
    @Option(names = "--origin", paramLabel = "REGION", description = "Only records made in this region.")
    String origin;
    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N records (1-1000, default: ${DEFAULT-VALUE}).")
    int limit;

    ListRecords(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      StringJoiner query = new StringJoiner("&", "?", "");
      add(query, "from", from);
      add(query, "to", to);
      add(query, "actor", actor);
      add(query, "repo", repo);
      add(query, "action", action);
      add(query, "region", origin);
      add(query, "limit", Integer.toString(limit));
      JsonNode page = session.client().getJson("/meridian/v1/audit" + query);
      output.print(session.out(), page, AuditCommand::records);
    }

    private static void add(StringJoiner query, String name, String value) {
      if (value != null) {
        query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every region's hash chain as the region holds it; exit 1 when a chain is broken.")
  static final class Verify implements Runnable {
    private final Session session;
    @Mixin OutputOption output;

    Verify(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode report = session.client().getJson("/meridian/v1/audit/verify");
      output.print(session.out(), report, AuditCommand::chains);
      if (!report.path("intact").asBoolean()) {
        session.out().flush();
        throw new CliException(ExitCode.FAILED, "TAMPERED",
            "the audit chain held by " + report.path("region").asText() + " is broken");
      }
    }
  }

  static Table records(JsonNode page) {
    Table t = Table.of("time", "origin", "seq", "actor", "action", "status", "address", "repository", "reference", "detail");
    for (JsonNode r : page.path("records")) {
      t.row(r.path("time"), r.path("origin"), r.path("sequence"), r.path("actor"), r.path("action"),
          r.path("status"), r.path("address"), r.path("repository"), r.path("reference"), r.path("detail"));
    }
    return t;
  }

  static Table chains(JsonNode report) {
    Table t = Table.of("origin", "records", "first", "last", "intact", "head", "problems");
    for (JsonNode c : report.path("chains")) {
      StringJoiner problems = new StringJoiner("; ");
      c.path("problems").forEach(p -> problems.add("#" + p.path("sequence").asText() + " "
          + p.path("reason").asText()));
      t.row(c.path("origin"), c.path("records"), c.path("firstSequence"), c.path("lastSequence"),
          c.path("intact").asBoolean() ? "yes" : "NO", c.path("headHash").asText().isEmpty() ? "-"
              : c.path("headHash").asText().substring(0, 12), problems.length() == 0 ? "-" : problems);
    }
    return t;
  }
}
