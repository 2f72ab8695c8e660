package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meridian gc [--dry-run]} runs garbage collection now in a region (POST /meridian/v1/gc);
 * {@code meridian gc runs} lists past runs (GET /meridian/v1/gc/runs). docs/lifecycle.md.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = {"Garbage-collect unreferenced blobs and deleted manifests now (admin).",
        "Each region collects its own storage: use --all-regions to run everywhere."},
    subcommands = GcCommand.Runs.class)
public final class GcCommand implements Runnable {
  private static final String PATH = "/meridian/v1/gc";

  private final Session session;
  @Mixin RegionTarget target;
  @Mixin OutputOption output;
  @Option(names = "--dry-run", description = "Report what would be deleted and the bytes freed; delete nothing.")
  boolean dryRun;

  GcCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    ArrayNode runs = JsonNodeFactory.instance.arrayNode();
    for (Map.Entry<String, RegistryClient> region : target.clients(session).entrySet()) {
      runs.add(region.getValue().json("POST", PATH + (dryRun ? "?dryRun=true" : ""), null));
    }
    output.print(session.out(), JsonNodeFactory.instance.objectNode().set("runs", runs), node -> {
      Table t = runTable(node.path("runs"));
      if (dryRun) {
        node.path("runs").forEach(r -> r.path("blobs").forEach(b -> t.row(r.path("region"),
            "would delete", "", "", "", b.asText(), "")));
      }
      return t;
    });
  }

  static Table runTable(JsonNode runs) {
    Table t = Table.of("region", "id", "dry-run", "blobs", "manifests", "bytes-freed", "kept");
    for (JsonNode r : runs) {
      t.row(r.path("region"), r.path("id"), r.path("dryRun"), r.path("blobsDeleted"),
          r.path("manifestsDeleted"), r.path("bytesFreed"), r.path("blobsKept"));
    }
    return t;
  }

  @Command(name = "runs", mixinStandardHelpOptions = true, description = "Past garbage collection runs, newest first.")
  static final class Runs implements Runnable {
    private final Session session;
    @Mixin RegionTarget target;
    @Mixin OutputOption output;
    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "At most N runs per region (default: ${DEFAULT-VALUE}).")
    int limit;

    Runs(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ArrayNode all = WebhookCommand.perRegion(target.clients(session),
          client -> client.getJson(PATH + "/runs?limit=" + limit).path("runs"));
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.set("runs", all);
      output.print(session.out(), body, node -> runTable(node.path("runs")));
    }
  }
}
