package dev.meridian.core.metrics;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.ReplicationListener;
import dev.meridian.core.version.Version;
import java.time.Clock;
import java.time.Duration;

/**
 * Measures replication lag where changes arrive: each tag change a peer's replication applies
 * here is timed from its version's hybrid-logical-clock time (set when the origin accepted it) to
 * now, as {@code meridian.replication.lag} tagged with this region and the origin's seed ({@code
 * peer}). Clocks of different machines enter the difference; the HLC keeps it from going
 * negative beyond their skew, and a negative value counts as zero. Then hands on to {@code next}.
 */
public final class ReplicationLagMeter implements ReplicationListener {
  private final ReplicationListener next;
  private final String region;
  private final Seed selfSeed;
  private final Clock clock;

  public ReplicationLagMeter(ReplicationListener next, String region, Seed selfSeed,
      Clock clock) {
    this.next = next;
    this.region = region;
    this.selfSeed = selfSeed;
    this.clock = clock;
  }

  @Override
  public void tagChanged(RepositoryName repository, String tag, Version version) {
    if (version != null && !selfSeed.equals(version.originSeed())) {
      long millis = Math.max(0, clock.millis() - version.millis());
      GlobalMetrics.get().time(MetricNames.REPLICATION_LAG, Duration.ofMillis(millis),
          "region", region, "peer", version.originSeed().value());
    }
    next.tagChanged(repository, tag, version);
  }

  @Override
  public void manifestDeleted(RepositoryName repository, Digest digest) {
    next.manifestDeleted(repository, digest);
  }
}
