package dev.meridian.local.runtime;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's stand-in for what a bucket lifecycle rule and DynamoDB's TTL do on AWS:
 * one thread per region invokes its {@code sweepUploads} function every {@link #period} — the
 * upload TTL, at most an hour — so an abandoned upload's parts are gone about two TTLs after its
 * last chunk (docs/security.md "Abandoned uploads").
 */
public final class LocalUploadSweep implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalUploadSweep.class);
  private static final Duration MAX_PERIOD = Duration.ofHours(1);

  private final BackgroundLoops loops = new BackgroundLoops();

  /** Between sweeps: the TTL (sweeps need not be more frequent than expiries), at most an hour. */
  static Duration period(Duration uploadTtl) {
    return uploadTtl.compareTo(MAX_PERIOD) < 0 ? uploadTtl : MAX_PERIOD;
  }

  /** Starts {@code region}'s loop; {@code sweep} null (no such function) starts nothing. */
  public void addRegion(String region, Supplier<?> sweep, Duration uploadTtl) {
    if (sweep != null) {
      Duration period = period(uploadTtl);
      loops.every("upload-sweep-" + region, period, period, () -> run(region, sweep));
    }
  }

  private void run(String region, Supplier<?> sweep) {
    try {
      sweep.get(); // the sweeper logs what it removed
    } catch (RuntimeException e) { // storage briefly unreachable: the next sweep goes on
      if (!loops.closing()) {
        LOG.warn("region {}: upload sweep failed: {}", region, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    loops.close();
  }
}
