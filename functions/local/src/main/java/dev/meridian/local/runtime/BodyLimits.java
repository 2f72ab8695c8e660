package dev.meridian.local.runtime;

import java.time.Duration;

/**
 * How long a request body may take, and how many requests with a body a front serves at once
 * (70 connections sending a body one byte every 5 s held every worker thread of
 * a region, so nothing else was answered).
 *
 * <p>The time: {@code grace} plus one second per {@code minRate} bytes received, the rule of
 * Apache's {@code mod_reqtimeout} ({@code body=20,MinRate=500}); a body behind that deadline is
 * cut off with 408 ({@link BodyDeadline}). A body that sends nothing at all ends at Jetty's idle
 * timeout (30 s).
 *
 * <p>The count: requests with a body (PATCH, PUT, POST; a bodiless request never waits on a
 * client) are admitted up to {@code total} at once, {@code perAddress} from one client address,
 * and {@code anonymousPerAddress} of those without an {@code Authorization} header (token
 * requests, and everything an attacker without credentials can send); beyond, 429 at once
 * ({@link BodyAdmission}). {@code total} leaves the rest of the worker threads to bodiless
 * requests, so the version check and pulls answer while uploads fill every body slot.
 *
 * @param grace the time every body has before the rate applies
 * @param minRate bytes a second a body must average after the grace
 * @param total requests with a body served at once by one front
 * @param perAddress of those, from one client address
 * @param anonymousPerAddress of those, without an {@code Authorization} header
 */
public record BodyLimits(Duration grace, long minRate, int total, int perAddress,
    int anonymousPerAddress) {

  /** Jetty's own threads in every front's pool: one acceptor and one selector. */
  static final int JETTY_THREADS = 2;

  public BodyLimits {
    if (grace.isNegative() || minRate < 1 || total < 1 || perAddress < 1
        || anonymousPerAddress < 1) {
      throw new IllegalArgumentException("bad body limits: " + grace + " " + minRate + " "
          + total + " " + perAddress + " " + anonymousPerAddress);
    }
  }

  /**
   * For a pool of {@code threads}: 10 s and 1 KiB/s; a quarter of the threads kept for bodiless
   * requests; 32 bodies per address at most (docker pushes 5 layers at once, skopeo
   * and crane a handful), 8 without credentials. With 64 threads: 46 bodies at once.
   */
  public static BodyLimits forThreads(int threads) {
    int requestThreads = Math.max(2, threads - JETTY_THREADS);
    int total = Math.max(1, requestThreads - threads / 4);
    return new BodyLimits(Duration.ofSeconds(10), 1024, total, Math.min(32, total),
        Math.min(8, total));
  }
}
