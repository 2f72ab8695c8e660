package dev.meridian.app.builds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Builds settings, bound from {@code MERIDIAN_BUILDS_*}.
 *
 * @param capacity this region's concurrent runs, queued + running ({@code
 *     MERIDIAN_BUILDS_CAPACITY}, default 2)
 * @param peerCapacities the peers' capacities, {@code seed=n,seed=n} ({@code
 *     MERIDIAN_BUILDS_PEER_CAPACITIES}); a peer not listed has {@code capacity}
 */
@ConfigurationProperties("meridian.builds")
public record BuildProperties(Integer capacity, String peerCapacities) {
  public static final int DEFAULT_CAPACITY = 2;

  public BuildProperties {
    capacity = capacity == null ? DEFAULT_CAPACITY : capacity;
    if (capacity < 1) {
      throw new IllegalArgumentException("MERIDIAN_BUILDS_CAPACITY must be at least 1");
    }
  }

  /** The capacity of the region with {@code seed}. */
  public int capacityOf(String seed) {
    return peers().getOrDefault(seed, capacity);
  }

  Map<String, Integer> peers() {
    Map<String, Integer> map = new LinkedHashMap<>();
    if (peerCapacities == null || peerCapacities.isBlank()) {
      return map;
    }
    for (String entry : peerCapacities.split(",")) {
      String[] kv = entry.strip().split("=");
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "MERIDIAN_BUILDS_PEER_CAPACITIES: expected seed=n entries, got " + entry);
      }
      map.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
    }
    return map;
  }
}
