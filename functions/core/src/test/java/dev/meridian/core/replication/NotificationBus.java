package dev.meridian.core.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * S3 ObjectCreated delivery between in-memory regions, one delivery per {@link #step()}, with a
 * seeded fault mode: duplicate, drop, delay (a delivery waits a random number of steps) and
 * reorder (any ready delivery may go next). A failing handler is retried, like Lambda's async
 * retries, up to {@link #MAX_ATTEMPTS}; then the notification is lost (reconcile repairs it).
 */
final class NotificationBus {
  static final int MAX_ATTEMPTS = 3;

  /** Fault probabilities; {@link #NONE} delivers every notification once, in order. */
  record Faults(double duplicate, double drop, int maxDelaySteps, boolean reorder) {
    static final Faults NONE = new Faults(0, 0, 0, false);
  }

  record Delivery(String seed, ObjectCreated event, int attempt, long readyAt) {}

  private final Map<String, Replicator> replicators = new ConcurrentHashMap<>();
  private final List<Delivery> queue = new ArrayList<>();
  private final Random random;
  private volatile Faults faults;
  private long now;
  int delivered;
  int dropped;
  int failedAttempts;

  NotificationBus(long seed, Faults faults) {
    this.random = new Random(seed);
    this.faults = faults;
  }

  void register(String seed, Replicator replicator) {
    replicators.put(seed, replicator);
  }

  void setFaults(Faults faults) {
    this.faults = faults;
  }

  synchronized void publish(String seed, ObjectCreated event) {
    Faults f = faults;
    if (random.nextDouble() < f.drop()) {
      dropped++;
      return;
    }
    enqueue(new Delivery(seed, event, 1, readyAt(f)));
    if (random.nextDouble() < f.duplicate()) {
      enqueue(new Delivery(seed, event, 1, readyAt(f)));
    }
  }

  synchronized boolean isQuiet() {
    return queue.isEmpty();
  }

  synchronized int pending() {
    return queue.size();
  }

  /** Delivers one notification (advancing time until one is ready); false when none is queued. */
  boolean step() {
    Delivery next;
    synchronized (this) {
      if (queue.isEmpty()) {
        return false;
      }
      now++;
      List<Integer> ready = new ArrayList<>();
      for (int i = 0; i < queue.size(); i++) {
        if (queue.get(i).readyAt() <= now) {
          ready.add(i);
        }
      }
      if (ready.isEmpty()) {
        return true; // time passes
      }
      int pick = faults.reorder() ? ready.get(random.nextInt(ready.size())) : ready.get(0);
      next = queue.remove(pick);
    }
    deliver(next);
    return true;
  }

  /** Delivers the first queued notification matching {@code which}, ignoring delays. */
  boolean deliverFirst(Predicate<Delivery> which) {
    Delivery next;
    synchronized (this) {
      next = queue.stream().filter(which).findFirst().orElse(null);
      if (next == null) {
        return false;
      }
      queue.remove(next);
    }
    deliver(next);
    return true;
  }

  /** Removes and returns the queued notifications matching {@code which}. */
  synchronized List<Delivery> take(Predicate<Delivery> which) {
    List<Delivery> taken = queue.stream().filter(which).toList();
    queue.removeAll(taken);
    return taken;
  }

  void runUntilQuiet() {
    int guard = 0;
    while (step()) {
      if (++guard > 1_000_000) {
        throw new IllegalStateException("bus did not quiesce");
      }
    }
  }

  /** Runs at most {@code steps} steps. */
  void run(int steps) {
    for (int i = 0; i < steps && step(); i++) {
      // step
    }
  }

  private void deliver(Delivery d) {
    try {
      replicators.get(d.seed()).handle(d.event());
      synchronized (this) {
        delivered++;
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        failedAttempts++;
        if (d.attempt() < MAX_ATTEMPTS) {
          enqueue(new Delivery(d.seed(), d.event(), d.attempt() + 1, now + 1 + d.attempt() * 5L));
        } else {
          dropped++;
        }
      }
    }
  }

  private void enqueue(Delivery d) {
    queue.add(d);
  }

  private long readyAt(Faults f) {
    return now + (f.maxDelaySteps() == 0 ? 0 : random.nextInt(f.maxDelaySteps() + 1));
  }
}
