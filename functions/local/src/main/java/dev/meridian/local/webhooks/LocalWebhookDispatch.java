package dev.meridian.local.webhooks;

import dev.meridian.core.webhooks.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's stand-in for the trigger of each region's {@code dispatchWebhooks} function:
 * one thread per region invokes it every {@value #PERIOD_MILLIS} ms (was 50) (the function returns at once;
 * deliveries run on its own lanes). Its cursor and pending deliveries live in the region's table,
 * so with {@code --data-dir} a restart resumes where the last run stopped.
 */
public final class LocalWebhookDispatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalWebhookDispatch.class);
  /** Between polls; a poll that found events is followed by another at once (see {@link #poll}). */
  static final long PERIOD_MILLIS = 25;
  private static final int BACK_TO_BACK = 10;

  private final List<ScheduledExecutorService> loops = new ArrayList<>();
  private volatile boolean closing;

  /** Starts {@code region}'s loop; {@code dispatch} null (no webhook store) starts nothing. */
  public synchronized void addRegion(String region, Supplier<?> dispatch) {
    if (dispatch == null) {
      return;
    }
    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "webhooks-" + region);
      t.setDaemon(true);
      return t;
    });
    loop.scheduleWithFixedDelay(() -> poll(region, dispatch), 0, PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
    loops.add(loop);
    // The SSRF guard refuses loopback targets on AWS; a local registry's receivers are local.
    LOG.info("region {} dispatches webhooks in-process; loopback service URIs are allowed"
        + " (meridian.webhooks.allow-loopback=true), private and link-local ones refused", region);
  }

  /**
   * One poll, repeated at once (up to {@value #BACK_TO_BACK} times) while it enqueues something:
   * events recorded while a poll ran would otherwise wait out a period too.
   */
  private void poll(String region, Supplier<?> dispatch) {
    try {
      for (int i = 0; i < BACK_TO_BACK && !closing; i++) {
        if (!(dispatch.get() instanceof WebhookDispatcher.Report r) || r.enqueued() == 0) {
          break;
        }
      }
    } catch (RuntimeException e) { // the table is briefly unreachable: the next poll retries
      if (closing) {
        return; // close() interrupted the poll's DynamoDB call: nothing was lost, nothing to say
      }
      LOG.warn("region {}: webhook dispatch failed: {}", region, e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    closing = true;
    loops.forEach(ScheduledExecutorService::shutdownNow);
    for (ScheduledExecutorService loop : loops) {
      try {
        loop.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    loops.clear();
  }
}
