package dev.meridian.local.replication;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which regions the fault mode has taken down, until when. A down region's bucket refuses
 * writes (peers' fan-out copies fail and are retried) and its {@code replicate} invocations fail
 * (its notifications are retried); it comes back by itself when the time is up.
 */
final class RegionOutages {

  private final Map<String, Long> downUntilNanos = new ConcurrentHashMap<>();
  private final Map<String, String> regionOfBucket = new ConcurrentHashMap<>();

  void register(String region, String bucket) {
    regionOfBucket.put(bucket, region);
  }

  void down(String region, Duration duration) {
    downUntilNanos.put(region, System.nanoTime() + duration.toNanos());
  }

  void up(String region) {
    downUntilNanos.remove(region);
  }

  boolean regionDown(String region) {
    Long until = downUntilNanos.get(region);
    return until != null && System.nanoTime() - until < 0;
  }

  boolean bucketDown(String bucket) {
    String region = regionOfBucket.get(bucket);
    return region != null && regionDown(region);
  }
}
