package dev.meridian.local.webhooks;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.webhooks.WebhookDispatcher;
import dev.meridian.local.runtime.BackgroundLoops;
import dev.meridian.local.runtime.Nudge;
import dev.meridian.local.runtime.TableInserts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's stand-in for the triggers of each region's {@code dispatchWebhooks} function
 * (template.yaml: the table stream's event-log inserts, and the retry nudge schedule): one thread
 * per region invokes it as soon as an event-log item is put into the region's table ({@link
 * TableInserts}), and at the latest {@value #RETRY_MILLIS} ms after the last poll, for due
 * retries (the function returns at once; deliveries run on its own lanes); in a region without
 * webhooks nothing can fall due, so it then waits up to {@value #IDLE_MILLIS} ms. It used to poll
 * every 25 ms, which with the build loops kept one core 80% busy on an idle runtime. Its cursor and
 * pending deliveries live in the region's table, so with {@code --data-dir} a restart resumes
 * where the last run stopped.
 */
public final class LocalWebhookDispatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalWebhookDispatch.class);
  /**
   * The longest wait between polls without an event (AWS: 1 minute); retries are due 1 s or more
   * after a failure (Backoff.defaults()).
   */
  static final long RETRY_MILLIS = 500;
  /** The longest wait while the region has no webhook: only an event or a new webhook matters. */
  static final long IDLE_MILLIS = 10_000;
  private static final int BACK_TO_BACK = 10;

  private final BackgroundLoops loops = new BackgroundLoops();
  private final List<TableInserts.Subscription> subscriptions = new ArrayList<>();

  /**
   * Starts {@code region}'s loop, woken by event-log inserts into the table {@code properties}
   * name; {@code dispatch} null (no webhook store) starts nothing.
   */
  public synchronized void addRegion(String region, MeridianProperties properties,
      Supplier<?> dispatch) {
    if (dispatch == null) {
      return;
    }
    Nudge nudge = new Nudge();
    subscriptions.add(TableInserts.subscribe(properties, StorageLayout.EVENT_PK, nudge::signal));
    AtomicBoolean hasWebhooks = new AtomicBoolean(true);
    loops.onNudge("webhooks-" + region, nudge,
        () -> Duration.ofMillis(hasWebhooks.get() ? RETRY_MILLIS : IDLE_MILLIS),
        () -> hasWebhooks.set(poll(region, dispatch)));
    // The SSRF guard refuses loopback targets on AWS; a local registry's receivers are local.
    LOG.info("region {} dispatches webhooks in-process; loopback service URIs are allowed"
        + " (meridian.webhooks.allow-loopback=true), private and link-local ones refused", region);
  }

  /**
   * One poll, repeated at once (up to {@value #BACK_TO_BACK} times) while it enqueues something:
   * events recorded while a poll ran would otherwise wait out a period too. Returns false when
   * the region has no webhook (nothing to retry), true otherwise or when unsure.
   */
  private boolean poll(String region, Supplier<?> dispatch) {
    try {
      for (int i = 0; i < BACK_TO_BACK && !loops.closing(); i++) {
        if (!(dispatch.get() instanceof WebhookDispatcher.Report r)) {
          return true;
        }
        if (r.webhooks() == 0) {
          return false;
        }
        if (r.enqueued() == 0) {
          break;
        }
      }
    } catch (RuntimeException e) { // the table is briefly unreachable: the next poll retries
      if (loops.closing()) {
        return true; // close() interrupted the poll's DynamoDB call: nothing was lost or to say
      }
      LOG.warn("region {}: webhook dispatch failed: {}", region, e.getMessage());
    }
    return true;
  }

  @Override
  public synchronized void close() {
    subscriptions.forEach(TableInserts.Subscription::close);
    subscriptions.clear();
    loops.close();
  }
}
