package dev.meridian.local.builds;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.local.runtime.BackgroundLoops;
import dev.meridian.local.runtime.Nudge;
import dev.meridian.local.runtime.TableInserts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's build workers: per region, a pool of exactly its build
 * capacity and one loop that asks the region's {@code queuedBuilds} function for queued runs
 * (oldest first) and hands as many as there are free workers to its {@code runBuild} function —
 * the functions a queue consumer invokes on AWS. The loop runs when a run record is put into the
 * region's table ({@link TableInserts}, as template.yaml's build pipe triggers on run inserts),
 * when a worker frees up, and at the latest every {@value #FALLBACK_MILLIS} ms while runs are
 * queued or running, {@value #IDLE_MILLIS} ms otherwise (AWS: the housekeeping schedule); it used
 * to poll every 100 ms, then every second even with nothing queued (bench/notes.md: half the
 * DynamoDB calls of a push). A run becomes {@code Queued} only by being put (its insert wakes the
 * loop), so the idle wait delays nothing. The queue is the region's table, so a
 * run enqueued by any region's API (placement put it here) or left queued by an earlier start is
 * picked up. Two pickers of one run are harmless: {@code runBuild}'s {@code Queued → Running} is
 * a conditional write. A second loop calls the region's {@code triggerBuilds} (lost runs to
 * {@code Error}, then base-image triggers, which read the event log and enqueue runs) when an
 * event-log item is put, and at the latest every {@value #HOUSEKEEPING_MILLIS} ms.
 */
public final class LocalBuildPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalBuildPool.class);
  static final long FALLBACK_MILLIS = 1000;
  /**
   * The longest wait while nothing was queued or running at the last pass: only an insert (or
   * a run put by a path the insert tap does not see) can change that. The timer loop waits as
   * long while no enabled timer exists.
   */
  static final long IDLE_MILLIS = 60_000;
  /**
   * The longest wait of the triggers' loop between events: it is the housekeeping schedule (runs
   * whose runner was lost go to {@code Error}), once a minute on AWS.
   */
  static final long HOUSEKEEPING_MILLIS = 10_000;

  private final BackgroundLoops loops = new BackgroundLoops();
  private final List<TableInserts.Subscription> subscriptions = new ArrayList<>();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  private final Map<String, Nudge> nudges = new ConcurrentHashMap<>();

  /**
   * Starts {@code region}'s workers, woken by inserts into the table {@code properties} name;
   * nothing when the region has no builds ({@code run} or {@code queued} null).
   */
  public synchronized void addRegion(String region, MeridianProperties properties, int capacity,
      Supplier<List<String>> queued, Function<String, String> run, Supplier<?> triggers) {
    if (queued == null || run == null) {
      return;
    }
    ExecutorService workers = loops.pool("builds-" + region, capacity);
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    Nudge runs = new Nudge();
    nudges.put(region, runs);
    subscriptions.add(TableInserts.subscribe(properties, StorageLayout.RUN_PK, runs::signal));
    AtomicBoolean busy = new AtomicBoolean(true);
    loops.onNudge("builds-" + region, runs,
        () -> Duration.ofMillis(busy.get() || !inFlight.isEmpty() ? FALLBACK_MILLIS : IDLE_MILLIS),
        () -> busy.set(paused.contains(region)
            || pick(region, capacity, queued, run, workers, inFlight, runs)));
    // Base-image triggers read the event log, so every event wakes them; they only enqueue
    // (a run's insert then wakes the workers above), and go on while workers are paused. A
    // loop of their own, so that an event costs no look at the queued runs.
    addTriggers(region, properties, triggers);
    LOG.info("region {} runs builds in-process, {} at a time", region, capacity);
  }

  /**
   * Starts only {@code region}'s triggers loop (lost runs to {@code Error}, then base-image
   * triggers), woken by event-log inserts: with {@code --front lambda}, runs go through the
   * region's build queue instead of these workers. Nothing when {@code triggers} is null.
   */
  public synchronized void addTriggers(String region, MeridianProperties properties,
      Supplier<?> triggers) {
    if (triggers == null) {
      return;
    }
    Nudge events = new Nudge();
    subscriptions.add(TableInserts.subscribe(properties, StorageLayout.EVENT_PK,
        events::signal));
    loops.onNudge("triggers-" + region, events, Duration.ofMillis(HOUSEKEEPING_MILLIS),
        () -> trigger(region, triggers));
  }

  /**
   * Starts {@code region}'s timer loop: its {@code timerBuilds} function every {@code period} (AWS:
   * a one-minute schedule), which fires the due ticks of every region's timer tasks that this
   * region wins (docs/builds.md "Timer triggers"); nothing when {@code timers} is null. While
   * {@code scheduled} says no enabled timer exists in any region (it reads what the last pass
   * saw), the loop waits for a put of a task into any of the {@code tables} (create, update,
   * enable: all puts) and at the latest {@value #IDLE_MILLIS} ms; the first pass runs at once.
   */
  public synchronized void addTimers(String region, List<MeridianProperties> tables,
      Supplier<?> timers, BooleanSupplier scheduled, Duration period) {
    if (timers == null) {
      return;
    }
    Nudge tasks = new Nudge();
    for (MeridianProperties table : tables) {
      subscriptions.add(TableInserts.subscribe(table, StorageLayout.TASK_PK, tasks::signal));
    }
    AtomicBoolean first = new AtomicBoolean(true);
    loops.onNudge("timers-" + region, tasks, () -> scheduled.getAsBoolean()
        ? period : Duration.ofMillis(IDLE_MILLIS), () -> {
          if (first.getAndSet(false)) {
            sleep(period); // as before: the first pass one period after start
            // Closed within that period: a pass now would only log its table calls failing
            // as "Thread was interrupted", once per region and table.
            if (Thread.currentThread().isInterrupted()) {
              return;
            }
          }
          trigger(region, timers);
        });
  }

  /**
   * Stops {@code region}'s workers from picking up queued runs (runs already going finish): a
   * drain before maintenance, or a test holding a region full. Its queued runs still count
   * against its capacity, so enqueue places new runs elsewhere.
   */
  public void pause(String region) {
    paused.add(region);
  }

  /** Lets {@code region}'s workers pick up queued runs again. */
  public void resume(String region) {
    paused.remove(region);
    Nudge nudge = nudges.get(region);
    if (nudge != null) {
      nudge.signal();
    }
  }

  private static void trigger(String region, Supplier<?> triggers) {
    try {
      triggers.get();
    } catch (RuntimeException e) {
      if (!Thread.currentThread().isInterrupted()) {
        LOG.warn("region {}: build triggers failed: {}", region, e.getMessage());
      }
    }
  }

  /** One look at the queue; returns whether runs may be waiting (queued, or unsure). */
  private static boolean pick(String region, int capacity, Supplier<List<String>> queued,
      Function<String, String> run, ExecutorService workers, Set<String> inFlight, Nudge nudge) {
    try {
      if (inFlight.size() >= capacity) {
        return true;
      }
      List<String> ids = queued.get();
      for (String id : ids) {
        if (inFlight.size() >= capacity) {
          return true;
        }
        if (inFlight.add(id)) {
          workers.execute(() -> execute(region, id, run, inFlight, nudge));
        }
      }
      return !ids.isEmpty();
    } catch (RejectedExecutionException e) {
      return true; // closing
    } catch (RuntimeException e) { // the table is briefly unreachable: the next poll retries
      if (!Thread.currentThread().isInterrupted()) { // else closing: shutdownNow interrupted it
        LOG.warn("region {}: listing queued builds failed: {}", region, e.getMessage());
      }
      return true;
    }
  }

  private static void sleep(Duration period) {
    try {
      Thread.sleep(period.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void execute(String region, String id, Function<String, String> run,
      Set<String> inFlight, Nudge nudge) {
    try {
      String status = run.apply(id);
      LOG.info("region {}: run {} {}", region, id, status);
    } catch (RuntimeException e) { // stays Queued (or Running after a crash): see docs/builds.md
      LOG.warn("region {}: run {} failed to run: {}", region, id, e.toString());
    } finally {
      inFlight.remove(id);
      nudge.signal(); // a worker is free: a queued run may wait for it
    }
  }

  @Override
  public synchronized void close() {
    subscriptions.forEach(TableInserts.Subscription::close);
    subscriptions.clear();
    loops.close();
  }
}
