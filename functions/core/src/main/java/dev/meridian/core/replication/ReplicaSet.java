package dev.meridian.core.replication;

import dev.meridian.core.naming.Seed;
import java.util.List;
import java.util.Optional;

/** The regions of one registry, in the order they were added (seed order). */
public record ReplicaSet(List<Region> regions) {

  public ReplicaSet {
    regions = List.copyOf(regions);
    if (regions.stream().map(Region::seed).distinct().count() != regions.size()) {
      throw new IllegalArgumentException("region seeds must be unique");
    }
  }

  public Region region(Seed seed) {
    return find(seed).orElseThrow(() -> new IllegalArgumentException("no region " + seed));
  }

  public Optional<Region> find(Seed seed) {
    return regions.stream().filter(r -> r.seed().equals(seed)).findFirst();
  }

  /** Every region but {@code seed}. */
  public List<Region> peersOf(Seed seed) {
    return regions.stream().filter(r -> !r.seed().equals(seed)).toList();
  }
}
