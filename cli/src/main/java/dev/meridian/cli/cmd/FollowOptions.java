package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.http.RegistryClient;
import java.time.Duration;
import picocli.CommandLine.Option;

/** After a run is queued: follow its log to the end (exit with its outcome), or {@code --no-wait}. */
final class FollowOptions {

  @Option(names = "--no-wait", description = "Print the run ID and return without following the log.")
  boolean noWait;
  @Option(names = "--follow", description = "Stream the log as it is written until the run ends (the default; "
      + "for scripts that say so).")
  boolean follow;
  @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = Durations.class,
      description = "Log poll interval (default: ${DEFAULT-VALUE}).")
  Duration interval;

  void follow(Session session, RegistryClient client, JsonNode queued) {
    String runId = queued.path("runId").asText();
    if (noWait) {
      session.out().println(runId);
      return;
    }
    String region = queued.path("region").asText("");
    session.err().println("Run " + runId + " queued" + (region.isEmpty() ? "" : " in " + region));
    JsonNode run = new RunFollower(session, client, interval).follow(runId);
    session.err().println("Run " + runId + " " + run.path("status").asText());
    RunFollower.requireSucceeded(run);
    run.path("outputImages").forEach(o -> session.out().println(o.path("name").asText() + "@" + o.path("digest").asText()));
  }
}
