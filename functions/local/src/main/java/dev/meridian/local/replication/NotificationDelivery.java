package dev.meridian.local.replication;

import dev.meridian.app.S3EventNotifications;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one region's S3 notifications to its {@code replicate} function the way S3 and Lambda
 * do: asynchronously (the S3 request has returned), at least once, in no guaranteed order, on a
 * bounded pool of workers. A failed invocation is retried with exponential backoff (Lambda retries
 * an async invocation twice by default; here up to {@link #MAX_ATTEMPTS} so that a region that is
 * down for a few seconds still gets its events), then given up with a WARN, as Lambda would send
 * it to a dead-letter queue — {@code reconcile} repairs what it left behind.
 *
 * <p>{@code replicate} takes S3's event JSON as Lambda hands it over: the region's {@code replicate}
 * function behind {@link S3EventNotifications} (the parser the Lambda adapter uses), or with
 * {@code --front lambda} the {@code replicateS3} Lambda entry point itself.
 */
public final class NotificationDelivery implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);
  /**
   * Concurrent invocations per region. Lambda runs each S3 event in its own invocation, up to the
   * account's concurrency; four workers here were all busy under sustained pushes (bench/notes.md
   * "Replication under load": 12 of 12 busy for the whole run, most of them waiting on a DynamoDB
   * Local round trip or on the manifest lock another worker held for the same image — a manifest,
   * its put record and its tag record arrive together), so notifications queued for tens of
   * seconds while the CPU was not the limit. Waiting workers cost a thread each, no CPU.
   */
  static final int WORKERS = 16;
  static final int MAX_ATTEMPTS = 10;
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 3_000;

  private final String region;
  private final Consumer<String> replicate;
  private final Supplier<FaultPlan> faultPlan;
  private final Runnable onDrop;
  private final Random random;
  private final BooleanSupplier regionDown;
  private final ScheduledExecutorService workers;
  private final AtomicInteger pending = new AtomicInteger();
  private String heldBack; // a reordered notification waiting for the next one (guarded by this)

  /**
   * @param replicate invoked with each notification's S3 event JSON; a throw is a failed
   *     invocation (retried)
   * @param faults the current fault plan (the runtime may switch faults off, e.g. for quiescence)
   * @param onDrop called for each notification the fault mode drops
   * @param random the fault PRNG, shared by every region so that one seed fixes the draws
   * @param regionDown while true, invocations fail (the region's functions are unavailable)
   */
  public NotificationDelivery(String region, Consumer<String> replicate,
      Supplier<FaultPlan> faults, Runnable onDrop, Random random, BooleanSupplier regionDown) {
    this.region = region;
    this.replicate = replicate;
    this.faultPlan = faults;
    this.onDrop = onDrop;
    this.random = random;
    this.regionDown = regionDown;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newScheduledThreadPool(WORKERS, task -> {
      Thread t = new Thread(task, "replicate-" + region + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Accepts one notification; returns at once. Faults are drawn here. */
  public void submit(String eventJson) {
    FaultPlan faults = faultPlan.get();
    if (!faults.active() && heldBackIsEmpty()) {
      schedule(eventJson, 1, 0);
      return;
    }
    boolean drop;
    boolean duplicate;
    long delayMs;
    boolean reorder;
    synchronized (random) {
      drop = random.nextDouble() < faults.drop();
      duplicate = random.nextDouble() < faults.duplicate();
      delayMs = random.nextDouble() < faults.delay()
          ? (long) (random.nextDouble() * faults.maxDelay().toMillis()) : 0;
      reorder = random.nextDouble() < faults.reorder();
    }
    if (drop) {
      onDrop.run();
      return;
    }
    if (duplicate) {
      schedule(eventJson, 1, delayMs / 2);
    }
    String overtaken = null;
    synchronized (this) {
      if (reorder && heldBack == null) {
        heldBack = eventJson; // sent after the next one, or after maxDelay at the latest
        pending.incrementAndGet();
        workers.schedule(() -> releaseHeld(eventJson), faults.maxDelay().toMillis(),
            TimeUnit.MILLISECONDS);
        return;
      }
      if (heldBack != null) {
        overtaken = heldBack;
        heldBack = null;
      }
    }
    schedule(eventJson, 1, delayMs);
    if (overtaken != null) {
      pending.decrementAndGet();
      schedule(overtaken, 1, delayMs);
    }
  }

  private synchronized boolean heldBackIsEmpty() {
    return heldBack == null;
  }

  private void releaseHeld(String eventJson) {
    synchronized (this) {
      if (heldBack != eventJson) {
        return; // already released behind a later notification
      }
      heldBack = null;
    }
    pending.decrementAndGet();
    schedule(eventJson, 1, 0);
  }

  /** Notifications accepted and not yet delivered or given up. */
  public int pending() {
    return pending.get();
  }

  private void schedule(String eventJson, int attempt, long delayMs) {
    pending.incrementAndGet();
    try {
      workers.schedule(() -> deliver(eventJson, attempt), delayMs, TimeUnit.MILLISECONDS);
    } catch (RuntimeException rejected) { // shut down
      pending.decrementAndGet();
    }
  }

  private void deliver(String eventJson, int attempt) {
    try {
      if (regionDown.getAsBoolean()) {
        throw new IllegalStateException("region " + region + " is down (fault mode)");
      }
      replicate.accept(eventJson);
    } catch (RuntimeException e) {
      if (attempt < MAX_ATTEMPTS && !workers.isShutdown()) {
        long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << (attempt - 1));
        schedule(eventJson, attempt + 1, backoff);
      } else {
        LOG.warn("{}: gave up a notification after {} attempts ({}); reconcile repairs it: {}",
            region, attempt, e.toString(), eventJson);
      }
    } finally {
      pending.decrementAndGet();
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
