package dev.meridian.core.auth;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (an account, or a client address for anonymous callers): {@code rate}
 * requests a second on average, bursts of {@code burst}. In memory, so per function instance
 * (docs/security.md "Rate limits" says what that means on AWS). A refused request learns how many
 * seconds until one more would pass, for {@code Retry-After}.
 */
public final class RateLimiter {
  /** Past this many keys, buckets that have refilled completely are forgotten. */
  private static final int MAX_KEYS = 50_000;

  private final double rate;
  private final double burst;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code rate} ≤ 0: no limit. */
  public RateLimiter(double rate, double burst, Clock clock) {
    this.rate = rate;
    this.burst = Math.max(1, burst);
    this.clock = clock;
  }

  public static RateLimiter unlimited() {
    return new RateLimiter(0, 1, Clock.systemUTC());
  }

  public boolean limited() {
    return rate > 0;
  }

  /** Takes one token for {@code key}; empty when allowed, else the seconds to wait. */
  public OptionalLong acquire(String key) {
    if (!limited()) {
      return OptionalLong.empty();
    }
    long nowNanos = nanos();
    if (buckets.size() > MAX_KEYS) {
      buckets.values().removeIf(b -> b.full(nowNanos));
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos)).take(nowNanos);
  }

  /** Whether {@link #acquire} would refuse {@code key} now (empty: it would pass); takes nothing. */
  public OptionalLong peek(String key) {
    if (!limited()) {
      return OptionalLong.empty();
    }
    Bucket b = buckets.get(key);
    return b == null ? OptionalLong.empty() : b.peek(nanos());
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Bucket {
    private double tokens;
    private long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    synchronized OptionalLong take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return OptionalLong.empty();
      }
      return OptionalLong.of((long) Math.ceil((1 - tokens) / rate));
    }

    synchronized OptionalLong peek(long now) {
      refill(now);
      return tokens >= 1 ? OptionalLong.empty()
          : OptionalLong.of((long) Math.ceil((1 - tokens) / rate));
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      if (now > at) {
        tokens = Math.min(burst, tokens + (now - at) / 1e9 * rate);
        at = now;
      }
    }
  }
}
