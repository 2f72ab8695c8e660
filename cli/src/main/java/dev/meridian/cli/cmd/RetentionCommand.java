package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian retention set|list|delete|run} (admin; docs/retention-and-locks.md). */
@Command(name = "retention", mixinStandardHelpOptions = true,
    description = "Retention rules: what old tags and untagged manifests go (admin).",
    subcommands = {RetentionCommand.Set.class, RetentionCommand.ListRules.class,
        RetentionCommand.Delete.class, RetentionCommand.Run.class})
public final class RetentionCommand {
  static final String PATH = "/meridian/v1/retention";

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Create or replace a rule; it applies in every region.")
  static final class Set implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--repositories", required = true, paramLabel = "PATTERN",
        description = "e.g. 'app/**'.") String repositories;
    @Option(names = "--keep-last", paramLabel = "N",
        description = "Keep the N most recently pushed tags.") Integer keepLast;
    @Option(names = "--tag-max-age-days", paramLabel = "D",
        description = "Delete tags pushed more than D days ago.") Integer tagMaxAgeDays;
    @Option(names = "--untagged-max-age-days", paramLabel = "D",
        description = "Delete untagged manifests pushed more than D days ago.")
    Integer untaggedMaxAgeDays;
    @Option(names = "--exclude", paramLabel = "TAG_PATTERN",
        description = "Tags never deleted, e.g. 'v*' or 'latest' (repeatable).")
    List<String> exclusions;

    Set(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("repositories", repositories)
          .put("keepLast", keepLast).put("tagMaxAgeDays", tagMaxAgeDays)
          .put("untaggedMaxAgeDays", untaggedMaxAgeDays);
      var array = body.putArray("exclusions");
      if (exclusions != null) {
        exclusions.forEach(array::add);
      }
      OutputOption.printJson(session.out(),
          session.client().json("PUT", PATH + "/rules/" + name, body));
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List rules.")
  static final class ListRules implements Runnable {
    private final Session session;
    @Mixin OutputOption output;

    ListRules(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode rules = session.client().getJson(PATH + "/rules");
      output.print(session.out(), rules, node -> {
        Table t = Table.of("name", "repositories", "keepLast", "tagMaxAgeDays",
            "untaggedMaxAgeDays", "exclusions");
        rules.path("rules").forEach(r -> t.row(r.path("name"), r.path("repositories"),
            r.path("keepLast").asText(""), r.path("tagMaxAgeDays").asText(""),
            r.path("untaggedMaxAgeDays").asText(""), WebhookCommand.join(r.path("exclusions"))));
        return t;
      });
    }
  }

  @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true, description = "Delete a rule.")
  static final class Delete implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    Delete(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      session.client().json("DELETE", PATH + "/rules/" + name, null);
      session.out().println("Deleted retention rule " + name);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = {
      "Run the rules now in the default registry's region; --dry-run lists what would go.",
      "Deletions are replicated deletes; their events carry reason: retention."})
  static final class Run implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Option(names = "--rule", paramLabel = "NAME", description = "Only this rule.") String rule;
    @Option(names = "--dry-run", description = "List, delete nothing.") boolean dryRun;

    Run(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      String query = "?dryRun=" + dryRun + (rule == null ? ""
          : "&rule=" + dev.meridian.cli.http.RegistryClient.encode(rule));
      JsonNode report = session.client().json("POST", PATH + "/run" + query, null);
      output.print(session.out(), report, node -> {
        Table t = Table.of(dryRun ? "would delete" : "deleted", "rule", "criterion");
        report.path(dryRun ? "selected" : "deleted").forEach(c -> t.row(
            c.path("repository").asText() + (c.hasNonNull("tag") ? ":" + c.path("tag").asText()
                : "@" + c.path("digest").asText()), c.path("rule"), c.path("criterion")));
        return t;
      });
    }
  }
}
