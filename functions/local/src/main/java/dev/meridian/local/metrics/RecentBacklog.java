package dev.meridian.local.metrics;

import dev.meridian.core.admin.ReplicationBacklog;
import dev.meridian.core.naming.Seed;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One region's replication backlog as its gauges read it: read from the bucket at most once per
 * {@code refresh} ({@link ReplicationBacklog#perPeer}), so one scrape of every peer's gauge — or
 * several scrapers at once — costs one reading.
 */
public final class RecentBacklog {
  private final ReplicationBacklog backlog;
  private final long refreshNanos;
  private Map<Seed, Long> bySeed;
  private long readAt;

  public RecentBacklog(ReplicationBacklog backlog, Duration refresh) {
    this.backlog = backlog;
    this.refreshNanos = refresh.toNanos();
  }

  /** Changes accepted here that {@code peerSeed} has not acknowledged (as of the last reading). */
  public synchronized long pendingChanges(Seed peerSeed) {
    if (bySeed == null || System.nanoTime() - readAt >= refreshNanos) {
      bySeed = backlog.perPeer().stream().collect(Collectors.toMap(ReplicationBacklog.Peer::seed,
          ReplicationBacklog.Peer::pendingChanges));
      readAt = System.nanoTime();
    }
    return bySeed.getOrDefault(peerSeed, 0L);
  }
}
