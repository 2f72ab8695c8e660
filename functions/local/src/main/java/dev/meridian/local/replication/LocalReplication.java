package dev.meridian.local.replication;

import dev.meridian.core.replication.Reconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replication as the local runtime drives it: the S3 notification sink of the one s3proxy
 * (routing each bucket's events to its region's {@link NotificationDelivery}), a reconcile timer
 * per region, on-demand reconcile, and the fault mode (PRNG, region outages).
 *
 * <p>Notifications for a bucket no region has registered yet (while the runtime starts) are
 * dropped, as S3 sends nothing before a bucket's notification configuration exists.
 */
public final class LocalReplication implements NotifyingBlobStore.Sink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalReplication.class);

  private final ReplicationOptions options;
  private final Random random;
  private final RegionOutages outages = new RegionOutages();
  private final Map<String, NotificationDelivery> byBucket = new ConcurrentHashMap<>();
  private final Map<String, Supplier<Reconciler.Report>> reconcilers = new LinkedHashMap<>();
  private final ScheduledExecutorService timer;
  private final AtomicLong dropped = new AtomicLong();
  private volatile FaultPlan faults;

  public LocalReplication(ReplicationOptions options) {
    this.options = options;
    this.random = new Random(options.faults().seed());
    this.faults = options.faults();
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, "reconcile-timer");
      t.setDaemon(true);
      return t;
    });
  }

  /** For the blob store: whether a bucket's region is down. */
  public Predicate<String> bucketDown() {
    return outages::bucketDown;
  }

  /**
   * Starts delivering {@code bucket}'s notifications (S3 event JSON) to {@code replicate}, and,
   * when the region has {@code peers}, its reconcile timer: with none there is nothing to
   * reconcile, yet a pass re-applies every recent change to the region itself (bench/notes.md:
   * 15% of a warm push's CPU samples when it fired). {@link #reconcileAll} still runs it.
   * The timer's passes leave alone the changes younger than one interval ({@code
   * reconcileOlderThan}): their notifications are still on their way (under sustained pushes,
   * queued), and a pass that redid them competed with the deliveries it duplicated; a change
   * whose notifications were lost is repaired by the first pass after it is an interval old.
   */
  public synchronized void addRegion(String region, String bucket,
      Consumer<String> replicate, Supplier<Reconciler.Report> reconcile,
      Function<Duration, Reconciler.Report> reconcileOlderThan, boolean peers) {
    outages.register(region, bucket);
    byBucket.put(bucket, new NotificationDelivery(region, replicate, () -> faults,
        dropped::incrementAndGet, random, () -> outages.regionDown(region)));
    reconcilers.put(region, reconcile);
    long every = options.reconcileInterval().toMillis();
    if (every > 0 && peers) {
      Duration grace = options.reconcileInterval();
      timer.scheduleWithFixedDelay(
          () -> reconcileQuietly(region, () -> reconcileOlderThan.apply(grace)), every, every,
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void notify(String bucket, String eventJson) {
    NotificationDelivery delivery = byBucket.get(bucket);
    if (delivery != null) {
      delivery.submit(eventJson);
    }
  }

  /** One reconcile pass in every region, in regions-file order; failures escape. */
  public Map<String, Reconciler.Report> reconcileAll() {
    Map<String, Supplier<Reconciler.Report>> all;
    synchronized (this) {
      all = new LinkedHashMap<>(reconcilers);
    }
    Map<String, Reconciler.Report> reports = new LinkedHashMap<>();
    all.forEach((region, reconcile) -> reports.put(region, reconcile.get()));
    return reports;
  }

  /** Replaces the fault plan from now on (the PRNG keeps its state); {@link FaultPlan#none()} ends it. */
  public void setFaults(FaultPlan plan) {
    this.faults = plan;
  }

  /** Notifications the fault mode has dropped so far. */
  public long dropped() {
    return dropped.get();
  }

  /** Fault mode: takes {@code region} down for {@code duration} (see {@link RegionOutages}). */
  public void regionDown(String region, Duration duration) {
    outages.down(region, duration);
  }

  public void regionUp(String region) {
    outages.up(region);
  }

  /**
   * Waits until no notification is pending in any region (polled; quiet for 200 ms in a row, so
   * that a delivery that triggers another is seen), or fails after {@code timeout}.
   */
  public void awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int quietChecks = 0;
    while (quietChecks < 4) {
      int pending = byBucket.values().stream().mapToInt(NotificationDelivery::pending).sum();
      quietChecks = pending == 0 ? quietChecks + 1 : 0;
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(pending + " notifications still pending after " + timeout);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for replication", e);
      }
    }
  }

  private void reconcileQuietly(String region, Supplier<Reconciler.Report> reconcile) {
    try {
      Reconciler.Report report = reconcile.get();
      if (report.copied() + report.completed() + report.failures() > 0) {
        LOG.info("reconcile {}: {}", region, report);
      }
    } catch (RuntimeException e) {
      LOG.warn("reconcile {} failed: {}", region, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    new ArrayList<>(byBucket.values()).forEach(NotificationDelivery::close);
  }
}
