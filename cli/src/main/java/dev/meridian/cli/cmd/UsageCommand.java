package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meridian usage}: storage used per region and repository (GET /meridian/v1/usage; each
 * blob counted once per repository). docs/lifecycle.md "Usage".
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
    description = "Storage used, per region and repository (admin).")
public final class UsageCommand implements Runnable {
  private final Session session;
  @Mixin OutputOption output;
  @Option(names = "--region", paramLabel = "NAME", description = "Only this region (default: every region).")
  String region;

  UsageCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    var usage = session.client().getJson("/meridian/v1/usage"
        + (region == null ? "" : "?region=" + RegistryClient.encode(region)));
    output.print(session.out(), usage, node -> {
      Table t = Table.of("region", "repository", "bytes", "blobs");
      node.path("regions").forEach(r -> {
        t.row(r.path("region"), "(all)", r.path("bytes"), "");
        r.path("repositories").forEach(repo -> t.row(r.path("region"), repo.path("name"),
            repo.path("bytes"), repo.path("blobs")));
      });
      return t;
    });
  }
}
