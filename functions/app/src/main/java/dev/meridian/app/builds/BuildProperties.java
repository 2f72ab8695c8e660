package dev.meridian.app.builds;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.meridian.core.builds.BuildRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Builds settings, bound from {@code MERIDIAN_BUILDS_*}.
 *
 * @param capacity this region's concurrent runs, queued + running ({@code
 *     MERIDIAN_BUILDS_CAPACITY}, default 2)
 * @param peerCapacities the peers' capacities, {@code seed=n,seed=n} ({@code
 *     MERIDIAN_BUILDS_PEER_CAPACITIES}); a peer not listed has {@code capacity}
 * @param maxRunTimeout the longest a run may take in this region; a request's longer timeout is
 *     capped to it ({@code MERIDIAN_BUILDS_MAX_RUN_TIMEOUT}, default 2h; on AWS 14m, under the
 *     runner Lambda's 15-minute limit — template.yaml, docs/aws.md "Builds")
 * @param leaseMargin added to a run's timeout for its runner's lease ({@code
 *     MERIDIAN_BUILDS_LEASE_MARGIN}, default 2m; docs/builds.md "Leases")
 */
@ConfigurationProperties("meridian.builds")
public record BuildProperties(Integer capacity, String peerCapacities, Duration maxRunTimeout,
    Duration leaseMargin) {
  public static final int DEFAULT_CAPACITY = 2;

  public BuildProperties {
    capacity = capacity == null ? DEFAULT_CAPACITY : capacity;
    if (capacity < 1) {
      throw new IllegalArgumentException("MERIDIAN_BUILDS_CAPACITY must be at least 1");
    }
    maxRunTimeout = maxRunTimeout == null ? BuildRunner.Limits.DEFAULT.maxTimeout() : maxRunTimeout;
    leaseMargin = leaseMargin == null ? BuildRunner.Limits.DEFAULT.leaseMargin() : leaseMargin;
  }

  /** The runner's timeout cap and lease margin. */
  public BuildRunner.Limits limits() {
    return new BuildRunner.Limits(maxRunTimeout, leaseMargin);
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
