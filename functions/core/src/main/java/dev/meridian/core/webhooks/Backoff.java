package dev.meridian.core.webhooks;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to retry a failed delivery: exponential ({@code base * 2^(failures-1)}, capped) with
 * "equal jitter" (a random point in the upper half of the interval, so retries of many deliveries
 * that failed together spread out but never come sooner than half the nominal delay — AWS
 * Architecture Blog, "Exponential Backoff And Jitter"). A receiver's {@code Retry-After} (RFC 9110
 * §10.2.3) is honored when it asks for longer. Deliveries are retried until {@code horizon} after
 * their first attempt (default 24 h, as the issue asks; Svix and Stripe retry for days), then they
 * go to the dead letters.
 */
public record Backoff(Duration base, Duration cap, Duration horizon) {

  public Backoff {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || horizon.isNegative()) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap and horizon >= 0");
    }
  }

  /** 1 s doubling to 1 h, for 24 h. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24));
  }

  /**
   * The pause after the {@code failures}-th failed attempt (1-based).
   *
   * @param retryAfter the receiver's Retry-After, or null
   * @param random uniform in [0, 1)
   */
  public Duration delay(int failures, Duration retryAfter, DoubleSupplier random) {
    long baseMillis = base.toMillis();
    int shift = Math.min(Math.max(failures - 1, 0), 40);
    long nominal = baseMillis > (cap.toMillis() >> shift) ? cap.toMillis() : baseMillis << shift;
    nominal = Math.min(nominal, cap.toMillis());
    long jittered = nominal / 2 + (long) (random.getAsDouble() * (nominal - nominal / 2));
    Duration delay = Duration.ofMillis(Math.max(1, jittered));
    return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
  }
}
