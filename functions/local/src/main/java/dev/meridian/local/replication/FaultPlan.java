package dev.meridian.local.replication;

import java.time.Duration;

/**
 * Faults injected into S3 notification delivery (a test mode; all zero by default). Each
 * notification draws from one PRNG seeded with {@code seed}: it may be dropped, delivered twice,
 * delayed by up to {@code maxDelay}, or held back until the region's next notification has been
 * dispatched (reordered). Delivery runs on worker threads, so a seed fixes the faults drawn, not
 * the thread interleaving; the end state must not depend on either.
 *
 * @param seed the PRNG seed ({@code --fault-seed})
 * @param drop probability a notification is never delivered ({@code --fault-drop}); reconcile
 *     repairs what it leaves behind
 * @param duplicate probability it is delivered twice ({@code --fault-duplicate})
 * @param delay probability it is delayed by up to {@code maxDelay} ({@code --fault-delay})
 * @param reorder probability it is held back behind the next one ({@code --fault-reorder})
 * @param maxDelay upper bound of a delay, and how long a held-back notification waits at most
 */
public record FaultPlan(long seed, double drop, double duplicate, double delay, double reorder,
    Duration maxDelay) {

  public FaultPlan {
    for (double p : new double[] {drop, duplicate, delay, reorder}) {
      if (p < 0 || p > 1) {
        throw new IllegalArgumentException("fault probabilities must be in [0, 1]: " + p);
      }
    }
    maxDelay = maxDelay == null ? Duration.ofMillis(500) : maxDelay;
  }

  /** No faults: every notification is delivered once, as soon as a worker is free. */
  public static FaultPlan none() {
    return new FaultPlan(0, 0, 0, 0, 0, Duration.ofMillis(500));
  }

  public boolean active() {
    return drop > 0 || duplicate > 0 || delay > 0 || reorder > 0;
  }
}
