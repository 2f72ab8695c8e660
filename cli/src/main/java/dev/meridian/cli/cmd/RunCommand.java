package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian run list|show|logs|cancel}: build runs (any region answers for any run ID). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Build runs.",
    subcommands = {RunCommand.ListRuns.class, RunCommand.Show.class, RunCommand.Logs.class, RunCommand.Cancel.class})
public final class RunCommand {

  private static final String PATH = "/meridian/v1/builds";

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "A region's runs, newest first.")
  static final class ListRuns implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Option(names = "--status", paramLabel = "STATUS", description = "Only runs in this state (e.g. Failed).")
    String status;
    @Option(names = "--top", defaultValue = "50", paramLabel = "N", description = "At most N runs (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--region", paramLabel = "NAME", description = "The region whose runs to list.")
    String region;

    ListRuns(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      String query = "?top=" + top + (status == null ? "" : "&status=" + status);
      JsonNode runs = Regions.one(session, region).getJson(PATH + query);
      output.print(session.out(), runs, node -> {
        Table t = Table.of("run", "status", "images", "trigger", "createdAt", "finishedAt");
        node.path("runs").forEach(r -> t.row(r.path("runId"), r.path("status"), WebhookCommand.join(r.path("images")),
            r.path("trigger").path("type"), r.path("createdAt"), r.path("finishedAt")));
        return t;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One run.")
  static final class Show implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "RUN_ID") String runId;

    Show(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode run = session.client().getJson(PATH + "/" + runId);
      output.print(session.out(), run, node -> {
        Table t = Table.of("field", "value");
        for (String f : new String[] {"runId", "status", "region", "createdAt", "startedAt", "finishedAt", "error"}) {
          t.row(f, node.path(f));
        }
        t.row("images", WebhookCommand.join(node.path("images")));
        node.path("outputImages").forEach(o -> t.row("output", o.path("name").asText() + "@" + o.path("digest").asText()));
        return t;
      });
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true, description = "A run's log; --follow until the run ends.")
  static final class Logs implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "RUN_ID") String runId;
    @Option(names = {"-f", "--follow"}, description = "Keep printing until the run ends; exit 1 unless it succeeds.")
    boolean follow;
    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = Durations.class,
        description = "Poll interval with --follow (default: ${DEFAULT-VALUE}).")
    Duration interval;

    Logs(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      RunFollower follower = new RunFollower(session, session.client(), interval);
      if (follow) {
        RunFollower.requireSucceeded(follower.follow(runId));
      } else {
        session.out().print(follower.log(runId));
        session.out().flush();
      }
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a queued or running run.")
  static final class Cancel implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "RUN_ID") String runId;

    Cancel(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode run = session.client().json("POST", PATH + "/" + runId + "/cancel", null);
      session.out().println("Run " + runId + " " + run.path("status").asText());
    }
  }
}
