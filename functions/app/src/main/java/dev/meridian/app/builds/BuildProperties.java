package dev.meridian.app.builds;

import dev.meridian.builder.BuildBudget;
import dev.meridian.builder.ContainerEngine;
import dev.meridian.core.builds.BuildRunner;
import dev.meridian.core.naming.Seed;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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
 * @param maxEntries tar entries a run may read in total: context, ADDed archives, base layers
 *     ({@code MERIDIAN_BUILDS_MAX_ENTRIES}, default 200000; docs/builds.md "Budgets")
 * @param maxUnpackedBytes file bytes a run may unpack in total ({@code
 *     MERIDIAN_BUILDS_MAX_UNPACKED_BYTES}, default 4GB)
 * @param maxFileBytes bytes of any one file ({@code MERIDIAN_BUILDS_MAX_FILE_BYTES}, default 1GB)
 * @param maxPathDepth components of any one path ({@code MERIDIAN_BUILDS_MAX_PATH_DEPTH}, 128)
 * @param maxPathLength bytes of any one path or link target ({@code
 *     MERIDIAN_BUILDS_MAX_PATH_LENGTH}, 4096)
 * @param maxLayers layers of a built image, base layers included ({@code
 *     MERIDIAN_BUILDS_MAX_LAYERS}, 127)
 * @param maxLogBytes a run's log ({@code MERIDIAN_BUILDS_MAX_LOG_BYTES}, default 1MB)
 * @param engine which container engine runs Dockerfiles with RUN and {@code cmd} steps ({@code
 *     MERIDIAN_BUILDS_ENGINE}): {@code auto} (default: the local docker engine when one answers),
 *     {@code docker} (required: startup fails without one), {@code codebuild} (AWS: the project
 *     {@code MERIDIAN_BUILDS_CODEBUILD_PROJECT}), {@code none}; docs/builder.md "Executors"
 * @param maxMemory memory of each engine container ({@code MERIDIAN_BUILDS_MAX_MEMORY}, 2GB)
 * @param codebuildProject the CodeBuild project engine runs go to ({@code
 *     MERIDIAN_BUILDS_CODEBUILD_PROJECT}; template.yaml sets it)
 */
@ConfigurationProperties("meridian.builds")
public record BuildProperties(Integer capacity, String peerCapacities, Duration maxRunTimeout,
    Duration leaseMargin, Long maxEntries, DataSize maxUnpackedBytes, DataSize maxFileBytes,
    Integer maxPathDepth, Integer maxPathLength, Integer maxLayers, DataSize maxLogBytes,
    String engine, DataSize maxMemory, String codebuildProject) {
  public static final int DEFAULT_CAPACITY = 2;

  public BuildProperties {
    capacity = capacity == null ? DEFAULT_CAPACITY : capacity;
    if (capacity < 1) {
      throw new IllegalArgumentException("MERIDIAN_BUILDS_CAPACITY must be at least 1");
    }
    maxRunTimeout = maxRunTimeout == null ? BuildRunner.Limits.DEFAULT.maxTimeout() : maxRunTimeout;
    leaseMargin = leaseMargin == null ? BuildRunner.Limits.DEFAULT.leaseMargin() : leaseMargin;
    BuildBudget d = BuildBudget.DEFAULT;
    maxEntries = maxEntries == null ? d.maxEntries() : maxEntries;
    maxUnpackedBytes = maxUnpackedBytes == null ? DataSize.ofBytes(d.maxUnpackedBytes())
        : maxUnpackedBytes;
    maxFileBytes = maxFileBytes == null ? DataSize.ofBytes(d.maxFileBytes()) : maxFileBytes;
    maxPathDepth = maxPathDepth == null ? d.maxPathDepth() : maxPathDepth;
    maxPathLength = maxPathLength == null ? d.maxPathLength() : maxPathLength;
    maxLayers = maxLayers == null ? d.maxLayers() : maxLayers;
    maxLogBytes = maxLogBytes == null
        ? DataSize.ofBytes(BuildRunner.Limits.DEFAULT_MAX_LOG_BYTES) : maxLogBytes;
    engine = engine == null || engine.isBlank() ? "auto" : engine.strip().toLowerCase(java.util.Locale.ROOT);
    if (!java.util.Set.of("auto", "docker", "codebuild", "none").contains(engine)) {
      throw new IllegalArgumentException(
          "MERIDIAN_BUILDS_ENGINE must be auto, docker, codebuild or none, not " + engine);
    }
    maxMemory = maxMemory == null ? DataSize.ofGigabytes(2) : maxMemory;
    codebuildProject = codebuildProject == null ? "" : codebuildProject.strip();
  }

  /** What one engine container may use (docs/builds.md "Budgets"). */
  public ContainerEngine.Limits engineLimits() {
    return new ContainerEngine.Limits(maxMemory.toBytes(), maxFileBytes.toBytes());
  }

  /** The runner's timeout cap, lease margin and log budget. */
  public BuildRunner.Limits limits() {
    return new BuildRunner.Limits(maxRunTimeout, leaseMargin, maxLogBytes.toBytes());
  }

  /** What one build may read and build (docs/builds.md "Budgets"). */
  public BuildBudget budget() {
    return new BuildBudget(maxEntries, maxUnpackedBytes.toBytes(), maxFileBytes.toBytes(),
        maxPathDepth, maxPathLength, maxLayers);
  }

  /** The capacity of the region with {@code seed}. */
  public int capacityOf(Seed seed) {
    return peers().getOrDefault(seed, capacity);
  }

  Map<Seed, Integer> peers() {
    Map<Seed, Integer> map = new LinkedHashMap<>();
    if (peerCapacities == null || peerCapacities.isBlank()) {
      return map;
    }
    for (String entry : peerCapacities.split(",")) {
      String[] kv = entry.strip().split("=");
      if (kv.length != 2 || !Seed.isValid(kv[0].strip())) {
        throw new IllegalArgumentException(
            "MERIDIAN_BUILDS_PEER_CAPACITIES: expected seed=n entries, got " + entry);
      }
      map.put(new Seed(kv[0].strip()), Integer.parseInt(kv[1].strip()));
    }
    return map;
  }
}
