package dev.meridian.core.audit;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Writes pull records off the request path (docs/console.md "Audit log"): a bounded queue and one
 * daemon thread that appends what is queued, up to {@value #BATCH} records at a time (waiting
 * up to {@value #LINGER_MILLIS} ms for a batch to fill), with one {@link AuditLog#appendAll}
 * (one transactional put per table instead of one conditional put per record and table, each on
 * the request thread that served the pull). Identical pulls of one batch become one record with
 * {@code count=N} ({@link RepeatedPulls}) and do not count towards the batch's size.
 *
 * <p>Best effort, as ACR's and ECR's pull logs are: when the queue is full (the audit table is
 * slower than the pulls) the entry is dropped and counted, with a WARN at most once a minute that
 * says how many. Only pulls come here; pushes, deletes, sign-ins and admin actions are appended
 * on the request thread and never dropped. After {@link #close} entries are appended inline.
 */
public final class BackgroundAuditWriter implements AutoCloseable {
  private static final System.Logger LOG =
      System.getLogger(BackgroundAuditWriter.class.getName());
  public static final int DEFAULT_CAPACITY = 10_000;
  public static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(10);
  private static final int BATCH = 100;
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long IDLE_POLL_MILLIS = 1_000;
  /** Queued by close to wake the writer at once; never appended. */
  private static final AuditEntry WAKE = new AuditEntry("", "wake", 0, "", "", "", "", "");
  private static final long LINGER_MILLIS = 100;

  private final AuditLog log;
  private final BlockingQueue<AuditEntry> queue;
  private final Duration closeWait;
  private final LongSupplier nanoTime;
  private final Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong droppedSinceWarning = new AtomicLong();
  private final AtomicLong lastWarning;
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean closing;
  private volatile boolean stopped;

  public BackgroundAuditWriter(AuditLog log) {
    this(log, DEFAULT_CAPACITY, DEFAULT_CLOSE_WAIT, System::nanoTime);
  }

  /**
   * @param capacity entries the queue holds before new ones are dropped
   * @param closeWait how long {@link #close} waits for the queue to drain
   * @param nanoTime the clock of the once-a-minute warning
   */
  public BackgroundAuditWriter(AuditLog log, int capacity, Duration closeWait,
      LongSupplier nanoTime) {
    this.log = log;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.closeWait = closeWait;
    this.nanoTime = nanoTime;
    this.lastWarning = new AtomicLong(nanoTime.getAsLong() - WARN_EVERY_NANOS);
    this.writer = new Thread(this::run, "meridian-audit-writer-" + log.regions().get(0));
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Queues the entry; false when the queue was full and it was dropped. Once closing, appends it
   * on the caller's thread instead (a request still in flight while the runtime stops).
   */
  public boolean submit(AuditEntry entry) {
    if (closing) {
      log.append(entry);
      return true;
    }
    if (queue.offer(entry)) {
      if (stopped) { // the writer ended between the check above and the offer
        appendQueued();
      }
      return true;
    }
    dropped.incrementAndGet();
    droppedSinceWarning.incrementAndGet();
    warnOfDrops();
    return false;
  }

  /** Entries dropped because the queue was full, since start. */
  public long dropped() {
    return dropped.get();
  }

  /** Entries lost because their append failed (the audit table unreachable), since start. */
  public long failed() {
    return failed.get();
  }

  /** Entries queued and not yet taken by the writer. */
  public int queued() {
    return queue.size();
  }

  private void warnOfDrops() {
    long now = nanoTime.getAsLong();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
      LOG.log(Level.WARNING, droppedSinceWarning.getAndSet(0) + " pull audit records dropped"
          + " in the last minute: the queue of " + (queue.size() + queue.remainingCapacity())
          + " was full (the audit table is slower than the pulls; " + dropped.get()
          + " dropped since start)");
    }
  }

  private void run() {
    boolean drained;
    try {
      drained = writeUntilClosed();
    } finally {
      stopped = true;
    }
    if (drained) {
      appendQueued(); // what a submit queued while the writer was ending
    }
  }

  /** True once closing with an empty queue; false when close gave up waiting (interrupted). */
  private boolean writeUntilClosed() {
    List<AuditEntry> drained = new ArrayList<>(BATCH);
    while (true) {
      AuditEntry first;
      try {
        first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return false;
      }
      if (first == null || first == WAKE) {
        if (closing && queue.isEmpty()) {
          return true;
        }
        continue;
      }
      RepeatedPulls batch = new RepeatedPulls();
      batch.add(first);
      drainInto(batch, drained);
      try {
        fill(batch, drained);
      } catch (InterruptedException e) {
        append(batch);
        return false;
      }
      append(batch);
    }
  }

  /**
   * Waits up to {@value #LINGER_MILLIS} ms for the batch to fill with {@value #BATCH} distinct
   * records: the per-call part of a write (a request, its signature, a transaction per table) is
   * then shared by more records, and a record is listed that much later at most. Repeats of a
   * record do not fill the batch (they only raise its count), so a load test's identical pulls
   * cost one write per linger. Not while closing.
   */
  private void fill(RepeatedPulls batch, List<AuditEntry> drained) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
    while (batch.distinct() < BATCH && !closing) {
      long left = deadline - System.nanoTime();
      AuditEntry next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      if (next != WAKE) {
        batch.add(next);
        drainInto(batch, drained);
      }
    }
  }

  /**
   * Moves queued entries into the batch while it has room: each entry adds at most one distinct
   * record, so taking as many as the room left never overfills it. One pass: {@link #fill} takes
   * the rest, watching the linger's deadline.
   */
  private void drainInto(RepeatedPulls batch, List<AuditEntry> drained) {
    queue.drainTo(drained, BATCH - batch.distinct());
    for (AuditEntry entry : drained) {
      if (entry != WAKE) { // drained along with the entries
        batch.add(entry);
      }
    }
    drained.clear();
  }

  /** What is left in the queue once the writer ended, on the calling thread. */
  private void appendQueued() {
    List<AuditEntry> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (int from = 0; from < rest.size(); from += BATCH) {
      RepeatedPulls batch = new RepeatedPulls();
      rest.subList(from, Math.min(rest.size(), from + BATCH)).stream()
          .filter(e -> e != WAKE).forEach(batch::add);
      append(batch);
    }
  }

  private void append(RepeatedPulls batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      log.appendAll(batch.folded());
    } catch (RuntimeException e) {
      failed.addAndGet(batch.pulls());
      LOG.log(Level.ERROR, batch.pulls() + " pull audit records not written: " + e);
    }
  }

  /** Stops taking entries, waits up to the close wait for the queued ones to be appended. */
  @Override
  public void close() {
    closing = true;
    queue.offer(WAKE); // full: the writer is busy and sees closing after this batch
    try {
      writer.join(closeWait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (dropped.get() > 0) { // the last minute's drops are not warned of otherwise
      LOG.log(Level.WARNING, dropped.get() + " pull audit records dropped since start (queue"
          + " full)");
    }
    if (writer.isAlive()) {
      LOG.log(Level.WARNING, queue.size() + " pull audit records not written: the audit table"
          + " did not take them within " + closeWait);
      writer.interrupt();
    }
  }
}
