package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import dev.meridian.cli.image.Reference;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian replication status REF [--watch]}: per region, whether the reference's newest
 * state is there (GET /meridian/v1/replication/&lt;repo&gt;/&lt;ref&gt;, docs/replication.md).
 */
@Command(name = "replication", mixinStandardHelpOptions = true, description = "Replication of images.",
    subcommands = ReplicationCommand.Status.class)
public final class ReplicationCommand {

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = {"Where an image is: a matrix of regions × state (current, pending, failed) with arrival times.",
          "--watch refreshes it until every region is current (exit 0), or --timeout passes (exit 1)."})
  static final class Status implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "REF", description = "[HOST[:PORT]/]REPO[:TAG|@DIGEST]")
    String reference;
    @Option(names = {"-w", "--watch"}, description = "Refresh until every region is current.")
    boolean watch;
    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION",
        description = "Refresh interval with --watch (default: ${DEFAULT-VALUE}).", converter = Durations.class)
    Duration interval;
    @Option(names = "--timeout", defaultValue = "10m", paramLabel = "DURATION",
        description = "Give up watching after this long (default: ${DEFAULT-VALUE}).", converter = Durations.class)
    Duration timeout;

    Status(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      Reference ref = Reference.parse(reference, session::defaultRegistry);
      String path = "/meridian/v1/replication/" + ref.repository() + "/" + ref.reference();
      long deadline = System.nanoTime() + timeout.toNanos();
      JsonNode status = session.client(ref.registry()).getJson(path);
      int drawn = 0;
      String shown = null;
      while (watch && !allCurrent(status)) {
        // redrawn only when it changed: off a terminal every refresh would be a new table
        if (!output.json() && !table(status).toString().equals(shown)) {
          shown = table(status).toString();
          drawn = redraw(status, drawn);
        }
        if (System.nanoTime() > deadline) {
          throw new CliException(ExitCode.FAILED, "TIMEOUT", ref + " not current in every region after " + timeout);
        }
        Durations.sleep(interval);
        status = session.client(ref.registry()).getJson(path);
      }
      if (drawn > 0) {
        redraw(status, drawn);
      } else {
        output.print(session.out(), status, ReplicationCommand::table);
      }
    }

    /** On a terminal the matrix is redrawn in place; otherwise each refresh prints anew. */
    private int redraw(JsonNode status, int drawn) {
      if (session.terminal() && drawn > 0) {
        session.out().print("\033[" + drawn + "A\033[J");
      }
      table(status).print(session.out());
      session.out().flush();
      return status.path("regions").size() + 1;
    }
  }

  static boolean allCurrent(JsonNode status) {
    for (JsonNode r : status.path("regions")) {
      if (!"current".equals(r.path("state").asText())) {
        return false;
      }
    }
    return status.path("regions").size() > 0;
  }

  static Table table(JsonNode status) {
    Table t = Table.of("region", "seed", "state", "digest", "appliedAt", "error");
    for (JsonNode r : status.path("regions")) {
      t.row(r.path("region"), r.path("seed"), r.path("state"), r.path("tagDigest"),
          r.path("appliedAt"), r.path("error"));
    }
    return t;
  }
}
