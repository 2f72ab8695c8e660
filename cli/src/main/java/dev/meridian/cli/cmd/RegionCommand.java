package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code meridian region list}: GET /meridian/v1/regions (docs/api.md). */
@Command(name = "region", mixinStandardHelpOptions = true, description = "Regions of the replica set.",
    subcommands = RegionCommand.ListRegions.class)
public final class RegionCommand {

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "List the regions as the registry's region sees them, with replication lag (admin).")
  static final class ListRegions implements Runnable {
    private final Session session;
    @Mixin OutputOption output;

    ListRegions(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode regions = session.client().getJson("/meridian/v1/regions");
      output.print(session.out(), regions, RegionCommand::table);
    }
  }

  static Table table(JsonNode regions) {
    Table t = Table.of("name", "seed", "endpoint", "self", "pending", "pendingBytes", "failed", "oldestPendingAge");
    for (JsonNode r : regions.path("regions")) {
      JsonNode lag = r.path("replication");
      t.row(r.path("name"), r.path("seed"), r.path("endpoint"), r.path("self").asBoolean() ? "*" : "",
          lag.path("pendingChanges"), lag.path("pendingBytes"), lag.path("failedChanges"),
          lag.has("oldestPendingAgeMillis") && !lag.get("oldestPendingAgeMillis").isNull()
              ? lag.get("oldestPendingAgeMillis").asLong() + " ms" : "-");
    }
    return t;
  }
}
