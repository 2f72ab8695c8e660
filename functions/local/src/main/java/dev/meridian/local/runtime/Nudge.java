package dev.meridian.local.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A wake-up call for one background loop: {@link #signal} makes the loop's next (or current)
 * {@link #await} return at once. Signals coalesce: any number of them before the loop wakes cost
 * one pass, as a queue trigger's batch does on AWS.
 */
public final class Nudge {
  private boolean pending;

  public synchronized void signal() {
    pending = true;
    notifyAll();
  }

  /** Returns when signalled (consuming the signal) or after {@code timeout}, whichever is first. */
  public synchronized void await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long left;
    while (!pending && (left = deadline - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    pending = false;
  }
}
