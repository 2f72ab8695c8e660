package dev.meridian.local.webhooks;

import dev.meridian.core.webhooks.WebhookDispatcher;
import dev.meridian.local.runtime.BackgroundLoops;
import java.time.Duration;
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

  private final BackgroundLoops loops = new BackgroundLoops();

  /** Starts {@code region}'s loop; {@code dispatch} null (no webhook store) starts nothing. */
  public synchronized void addRegion(String region, Supplier<?> dispatch) {
    if (dispatch == null) {
      return;
    }
    loops.every("webhooks-" + region, Duration.ZERO, Duration.ofMillis(PERIOD_MILLIS),
        () -> poll(region, dispatch));
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
      for (int i = 0; i < BACK_TO_BACK && !loops.closing(); i++) {
        if (!(dispatch.get() instanceof WebhookDispatcher.Report r) || r.enqueued() == 0) {
          break;
        }
      }
    } catch (RuntimeException e) { // the table is briefly unreachable: the next poll retries
      if (loops.closing()) {
        return; // close() interrupted the poll's DynamoDB call: nothing was lost, nothing to say
      }
      LOG.warn("region {}: webhook dispatch failed: {}", region, e.getMessage());
    }
  }

  @Override
  public void close() {
    loops.close();
  }
}
