package dev.meridian.local.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon threads with which the local runtime stands in for AWS's triggers (schedules, queues,
 * lifecycle rules): each loop or pool is named after its region, and {@link #close} stops them all,
 * waiting up to 5 s each.
 */
public final class BackgroundLoops implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoops.class);

  private final List<ExecutorService> executors = new ArrayList<>();
  private volatile boolean closing;

  /** Runs {@code task} on thread {@code name} after {@code initialDelay}, then {@code period} after each run ends. */
  public synchronized void every(String name, Duration initialDelay, Duration period,
      Runnable task) {
    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name));
    loop.scheduleWithFixedDelay(task, initialDelay.toMillis(), period.toMillis(),
        TimeUnit.MILLISECONDS);
    executors.add(loop);
  }

  /**
   * Runs {@code task} on thread {@code name} at once, then again whenever {@code nudge} is
   * signalled, and at the latest {@code fallback} after each run ended (the schedule that, on AWS,
   * catches what no trigger announced: due retries, a trigger lost in a restart). A run that
   * throws is logged and the loop goes on.
   */
  public synchronized void onNudge(String name, Nudge nudge, Duration fallback, Runnable task) {
    onNudge(name, nudge, () -> fallback, task);
  }

  /** As above, with the wait after each run chosen then (a loop with nothing to retry waits longer). */
  public synchronized void onNudge(String name, Nudge nudge, Supplier<Duration> fallback,
      Runnable task) {
    ExecutorService loop = Executors.newSingleThreadExecutor(r -> daemon(r, name));
    loop.execute(() -> {
      while (!closing) {
        try {
          task.run();
        } catch (RuntimeException e) {
          if (!closing) {
            LOG.warn("{}: {}", name, e.toString());
          }
        }
        try {
          nudge.await(fallback.get());
        } catch (InterruptedException e) {
          return; // close()
        }
      }
    });
    executors.add(loop);
  }

  /** A pool of {@code threads} threads named {@code name-1}, {@code name-2}, … */
  public synchronized ExecutorService pool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads,
        r -> daemon(r, name + "-" + n.incrementAndGet()));
    executors.add(pool);
    return pool;
  }

  /** True once {@link #close} began: a failure then is the interruption, not worth a warning. */
  public boolean closing() {
    return closing;
  }

  @Override
  public synchronized void close() {
    closing = true;
    executors.forEach(ExecutorService::shutdownNow);
    for (ExecutorService e : executors) {
      try {
        e.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
    executors.clear();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
