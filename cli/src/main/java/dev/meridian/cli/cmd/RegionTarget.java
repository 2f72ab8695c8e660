package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import dev.meridian.cli.http.RegistryClient;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --region R | --all-regions}: webhooks are regional (docs/webhooks.md), so a command acts
 * on the default registry's region, a named one, or every region — the ACR surprise this removes.
 */
final class RegionTarget {

  @Option(names = "--region", paramLabel = "NAME", description = "Act on this region (default: the registry's own).")
  String region;

  @Option(names = "--all-regions", description = "Act on every region of the replica set.")
  boolean allRegions;

  Map<String, RegistryClient> clients(Session session) {
    if (allRegions) {
      if (region != null) {
        throw dev.meridian.cli.error.CliException.usage("--region and --all-regions exclude each other");
      }
      return Regions.all(session);
    }
    return Map.of(region == null ? session.defaultRegistry() : region, Regions.one(session, region));
  }
}
