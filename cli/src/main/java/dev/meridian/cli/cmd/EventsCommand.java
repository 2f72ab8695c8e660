package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meridian events [--follow]}: the region's event log (GET /meridian/v1/events?after=N).
 * With {@code --follow} it keeps polling from the last sequence, as {@code tail -f}; JSON output
 * is then one event per line.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "The region's event log: push, delete and replicated events (admin).")
public final class EventsCommand implements Runnable {

  private final Session session;
  @Mixin OutputOption output;
  @Option(names = "--after", defaultValue = "0", paramLabel = "SEQ", description = "Events after this sequence.")
  long after;
  @Option(names = {"-f", "--follow"}, description = "Keep printing new events.")
  boolean follow;
  @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = Durations.class,
      description = "Poll interval with --follow (default: ${DEFAULT-VALUE}).")
  Duration interval;

  EventsCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    long cursor = after;
    boolean header = true;
    while (true) {
      JsonNode page = session.client().getJson("/meridian/v1/events?after=" + cursor + "&limit=1000");
      JsonNode events = page.path("events");
      if (output.json() && !follow) {
        OutputOption.printJson(session.out(), page);
      } else if (output.json()) {
        events.forEach(e -> session.out().println(e.toString()));
      } else if (events.size() > 0 || header) {
        printTable(events, header);
        header = false;
      }
      session.out().flush();
      cursor = page.path("next").asLong(cursor);
      boolean full = events.size() >= 1000;
      if (!follow && !full) {
        return;
      }
      if (!full) {
        Durations.sleep(interval);
      }
    }
  }

  private void printTable(JsonNode events, boolean header) {
    Table t = Table.of("seq", "timestamp", "action", "origin", "repository", "tag", "digest");
    for (JsonNode e : events) {
      JsonNode target = e.path("target");
      t.row(e.path("sequence"), e.path("timestamp"), e.path("action"), e.path("origin"),
          target.path("repository"), target.path("tag"), target.path("digest"));
    }
    String s = t.toString();
    session.out().print(header ? s : s.substring(s.indexOf('\n') + 1));
  }
}
