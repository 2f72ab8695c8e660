package dev.meridian.cli.registry;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a Meridian region says about replication on a manifest it serves (docs/replication.md
 * "What a pull sees while replicating"), as lines for a person: a tag served while a newer
 * version is on its way ({@code Meridian-Replication: pending; newer=…; from=…}), and a manifest
 * read through from another region ({@code Meridian-Served-From}). Other registries send neither.
 */
final class ReplicationNotices {
  static final String REPLICATION = "Meridian-Replication";
  static final String SERVED_FROM = "Meridian-Served-From";

  private ReplicationNotices() {}

  /** The warning for {@code name:reference} served as {@code digest}, if the headers call for one. */
  static Optional<String> of(HttpHeaders headers, String name, String reference, String digest) {
    Optional<String> pending = headers.firstValue(REPLICATION)
        .filter(v -> v.startsWith("pending"))
        .map(v -> {
          Map<String, String> p = parameters(v);
          return "warning: " + name + ":" + reference + " is " + digest + " in this region, but "
              + (p.containsKey("newer") ? "a newer version (" + p.get("newer") + ")" : "a newer version")
              + " is replicating here" + (p.containsKey("from") ? " from " + p.get("from") : "")
              + "; pull again in a moment for it";
        });
    if (pending.isPresent()) {
      return pending;
    }
    return headers.firstValue(SERVED_FROM).map(region -> "note: " + name + ":" + reference
        + " has not replicated to this region yet; served from " + region + " (onMiss: fetch)");
  }

  /** {@code pending; newer=sha256:…; from=eastus} → newer, from. */
  private static Map<String, String> parameters(String value) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String part : value.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        params.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
      }
    }
    return params;
  }
}
