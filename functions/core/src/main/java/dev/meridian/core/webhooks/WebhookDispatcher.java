package dev.meridian.core.webhooks;

import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.RegistryEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The {@code dispatchWebhooks} logic (docs/webhooks.md): turns the region's event log into
 * durable deliveries and starts the due ones.
 *
 * <p>{@link #poll()} (1) reads a page of the log after the store's cursor, enqueues one delivery
 * per (matching webhook, event) — idempotent, the id is stable — and only then advances the
 * cursor, so a crash in between re-enqueues harmlessly and loses nothing; (2) hands the due
 * deliveries to one lane per webhook on {@code lanes}; and repeats while pages are full, up to a
 * bound. A lane works through its webhook's deliveries one after
 * another; a webhook whose lane is still busy (a slow or hanging receiver, bounded by the timeout)
 * is skipped until it is free, so it never delays another webhook, nor the registry's requests
 * (which only append to the log).
 */
public final class WebhookDispatcher {
  private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
  private static final int EVENT_PAGE = 100;
  private static final int PAGES_PER_POLL = 10;
  private static final int DUE_PAGE = 1000;
  private static final Duration CONFIG_REUSE = Duration.ofSeconds(1);

  private final EventLog log;
  private final WebhookStore store;
  private final Deliverer deliverer;
  private final ArrivalTimes arrivals;
  private final Executor lanes;
  private final Clock clock;
  private final Set<String> busy = ConcurrentHashMap.newKeySet();

  public WebhookDispatcher(EventLog log, WebhookStore store, Deliverer deliverer,
      ArrivalTimes arrivals, Executor lanes, Clock clock) {
    this.log = log;
    this.store = store;
    this.deliverer = deliverer;
    this.arrivals = arrivals;
    this.lanes = lanes;
    this.clock = clock;
  }

  /**
   * What one poll did; {@code webhooks} is how many the region has (0: nothing can become due
   * until one is created).
   */
  public record Report(int enqueued, int started, int webhooks) {}

  /**
   * Enqueues new events' deliveries, a page at a time, and starts due deliveries on free lanes
   * after each page. At most {@value #PAGES_PER_POLL} pages: under a steady stream of pushes the
   * log grows while a page is being enqueued, and a poll that chased its tail before starting
   * anything delayed every delivery until the pushes stopped (bench/webhook-latency.sh, 20
   * pushes: 8.7 s p50 at the origin).
   *
   * <p>A region without webhooks (the common case) costs one read of the webhook list per poll:
   * there is nothing to enqueue or deliver, and the cursor stays where it is. Reading the log and
   * moving the cursor on every event anyway was five table calls per event and region, most of
   * the registry's table traffic during a push (bench/notes.md). A webhook created later starts
   * from that cursor and skips what happened before its creation ({@link WebhookConfig#wants}).
   */
  public Report poll() {
    List<WebhookConfig> webhooks = store.list();
    if (webhooks.isEmpty()) {
      return new Report(0, 0, 0); // deleting a webhook removes its pending deliveries: none due
    }
    int enqueued = 0;
    int started = 0;
    for (int page = 0; page < PAGES_PER_POLL; page++) {
      Page p = enqueuePage(webhooks);
      enqueued += p.fresh().size();
      started += handOff(p.fresh());
      started += startDue();
      if (!p.more()) {
        break;
      }
    }
    return new Report(enqueued, started, webhooks.size());
  }

  /** Whether no lane is working (for a function that must finish its deliveries before it returns). */
  public boolean idle() {
    return busy.isEmpty();
  }

  /** Waits up to {@code limit} for every lane to finish; returns whether they did. */
  public boolean awaitIdle(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!busy.isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private record Page(List<Delivery> fresh, boolean more) {}

  /** Enqueues the deliveries of one page of events after the cursor, then advances it. */
  private Page enqueuePage(List<WebhookConfig> webhooks) {
    long cursor = store.cursor();
    List<RegistryEvent> events = log.readAfter(cursor, EVENT_PAGE);
    if (events.isEmpty()) {
      return new Page(List.of(), false);
    }
    Map<String, CompletableFuture<List<ArrivalTimes.Arrival>>> where = lookUpArrivals(events,
        webhooks);
    List<Delivery> deliveries = new java.util.ArrayList<>();
    for (RegistryEvent e : events) {
      WebhookAction action = action(e.action());
      if (action == null) {
        continue; // a dead letter: never delivered, so it cannot dead-letter in turn
      }
      for (WebhookConfig w : webhooks) {
        if (w.wants(action, e.repository(), e.tag(), e.timestamp())) {
          List<ArrivalTimes.Arrival> arrived = where.containsKey(e.id())
              ? join(where.get(e.id())) : List.of();
          String id = Delivery.idFor(w.name(), e.id());
          deliveries.add(Delivery.pending(w.name(), id, e.id(), action,
              WebhookPayloads.event(w.format(), id, e, arrived), clock.instant()));
        }
      }
    }
    // One write for the page, not one per delivery (bench/webhook-latency.sh: the origin's poll
    // thread spent its time in these calls, made in turn).
    List<Delivery> fresh = store.enqueueAll(deliveries);
    // false: another dispatcher moved it; its enqueues and ours are idempotent
    boolean advanced = store.advanceCursor(cursor, events.get(events.size() - 1).sequence());
    return new Page(fresh, advanced && events.size() == EVENT_PAGE);
  }

  /**
   * Starts the arrival-time lookups of the page's {@code replicated} events that some webhook
   * wants, all at once on the lanes' executor: each reads every region's index and the origin's
   * acks, and made in turn on the poll thread they held up every delivery behind them.
   */
  private Map<String, CompletableFuture<List<ArrivalTimes.Arrival>>> lookUpArrivals(
      List<RegistryEvent> events, List<WebhookConfig> webhooks) {
    Map<String, CompletableFuture<List<ArrivalTimes.Arrival>>> lookups = new LinkedHashMap<>();
    for (RegistryEvent e : events) {
      if (action(e.action()) == WebhookAction.REPLICATED && !lookups.containsKey(e.id())
          && webhooks.stream().anyMatch(w -> w.wants(WebhookAction.REPLICATED, e.repository(),
              e.tag(), e.timestamp()))) {
        lookups.put(e.id(), CompletableFuture.supplyAsync(() -> arrivals.of(e), lanes));
      }
    }
    return lookups;
  }

  private static <T> T join(CompletableFuture<T> lookup) {
    try {
      return lookup.join();
    } catch (CompletionException e) { // the poll fails as before; the next one retries the page
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Starts the deliveries this poll has just enqueued on their webhooks' lanes when those are
   * free, instead of reading them back from the store. No lane can hold a copy of them (they did
   * not exist when any lane was given its work), so the stale-read race of {@link #startDue} does
   * not arise; a webhook whose lane is busy gets them from the store on a later poll.
   */
  private int handOff(List<Delivery> fresh) {
    Map<String, List<Delivery>> byWebhook = new LinkedHashMap<>();
    for (Delivery d : fresh) {
      byWebhook.computeIfAbsent(d.webhook(), k -> new java.util.ArrayList<>()).add(d);
    }
    return startLanes(byWebhook);
  }

  private int startDue() {
    // A lane busy while the store is read may save a delivery after the read: what was read of
    // its webhook can be stale, so that webhook waits for the next poll. Otherwise a lane ending
    // between the read and the busy check below sent a delivered message again (20 pushes in
    // bench/webhook-latency.sh: 4 duplicates).
    Set<String> busyWhileRead = Set.copyOf(busy);
    Map<String, List<Delivery>> byWebhook = new LinkedHashMap<>();
    for (Delivery d : store.due(clock.instant(), DUE_PAGE, busyWhileRead)) {
      byWebhook.computeIfAbsent(d.webhook(), k -> new java.util.ArrayList<>()).add(d);
    }
    return startLanes(byWebhook);
  }

  /** Starts one lane per webhook whose lane is free; returns how many deliveries it started. */
  private int startLanes(Map<String, List<Delivery>> byWebhook) {
    int started = 0;
    for (Map.Entry<String, List<Delivery>> lane : byWebhook.entrySet()) {
      if (!busy.add(lane.getKey())) {
        continue; // still working on earlier deliveries of this webhook
      }
      started += lane.getValue().size();
      try {
        lanes.execute(() -> run(lane.getKey(), lane.getValue()));
      } catch (RuntimeException rejected) {
        busy.remove(lane.getKey());
        throw rejected;
      }
    }
    return started;
  }

  /**
   * A lane's run: the webhook's config is read once and again only after an attempt that did not
   * deliver (a 410 disables it) or after {@link #CONFIG_REUSE}, so an update, disable or delete
   * through the API takes effect within that time (one read per delivery was a third of the
   * lane's store calls).
   */
  private void run(String webhook, List<Delivery> deliveries) {
    try {
      WebhookConfig config = null;
      long readAt = 0;
      boolean fresh = false;
      for (Delivery d : deliveries) {
        if (!fresh || System.nanoTime() - readAt > CONFIG_REUSE.toNanos()) {
          config = store.get(webhook).orElse(null);
          readAt = System.nanoTime();
        }
        fresh = deliverer.attempt(d, config).state() == Delivery.State.DELIVERED;
      }
    } catch (RuntimeException e) {
      // A store failure: the delivery stays pending and is attempted again on a later poll.
      LOG.log(Level.WARNING, "webhook " + webhook + ": delivery attempt failed: " + e.getMessage());
    } finally {
      busy.remove(webhook);
    }
  }

  /**
   * The webhook action of an event, or null for {@code webhook-dead-letter}: no webhook can
   * subscribe to dead letters (a dead letter delivered by webhook could be dead-lettered in turn,
   * without end); they reach EventBridge and the event-log API instead (docs/events.md).
   */
  private static WebhookAction action(EventAction a) {
    return switch (a) {
      case PUSH -> WebhookAction.PUSH;
      case DELETE -> WebhookAction.DELETE;
      case REPLICATED -> WebhookAction.REPLICATED;
      case BUILD -> WebhookAction.BUILD;
      case WEBHOOK_DEAD_LETTER -> null;
    };
  }
}
