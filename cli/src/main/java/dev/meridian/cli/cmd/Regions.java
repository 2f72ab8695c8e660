package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import dev.meridian.cli.http.RegistryClient;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replica set's regions by name, with a client for each (GET /meridian/v1/regions on the
 * default registry): how {@code --region R} and {@code --all-regions} find their endpoints.
 */
final class Regions {

  private Regions() {}

  /** Region name → client, in the registry's order. */
  static Map<String, RegistryClient> all(Session session) {
    String via = session.defaultRegistry();
    JsonNode regions = session.client(via).getJson("/meridian/v1/regions");
    Map<String, RegistryClient> clients = new LinkedHashMap<>();
    for (JsonNode r : regions.path("regions")) {
      String endpoint = r.path("endpoint").asText("");
      if (endpoint.isEmpty()) {
        throw CliException.invalid("region " + r.path("name").asText() + " has no endpoint in /meridian/v1/regions");
      }
      clients.put(r.path("name").asText(), session.peer(URI.create(endpoint), via));
    }
    return clients;
  }

  /** One region's client; the default registry when {@code region} is null. */
  static RegistryClient one(Session session, String region) {
    if (region == null) {
      return session.client();
    }
    RegistryClient client = all(session).get(region);
    if (client == null) {
      throw new CliException(ExitCode.NOT_FOUND, "NAME_UNKNOWN", "no region '" + region + "' (meridian region list)");
    }
    return client;
  }
}
