package dev.meridian.core.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: a region's webhook state in its table (configs, deliveries with their attempts, the
 * pending set, and the dispatch cursor over the region's event log). All of it is durable, so a
 * restart loses nothing: a delivery is enqueued before the cursor passes its event, and it stays
 * pending until an attempt succeeds or it is given up. Implementations pass {@code
 * WebhookStoreContract}.
 */
public interface WebhookStore {

  /** Stores a new webhook; false when one with that name exists. */
  boolean create(WebhookConfig config);

  /** Replaces an existing webhook's config (update, disable). */
  void update(WebhookConfig config);

  Optional<WebhookConfig> get(String name);

  /** Removes a webhook and its pending set entries; false when there was none. */
  boolean delete(String name);

  /** Every webhook, by name. */
  List<WebhookConfig> list();

  /**
   * Stores a new delivery and, when PENDING, puts it in the pending set; false (and no change)
   * when a delivery with the same (webhook, id) exists — enqueueing an event twice is harmless.
   */
  boolean enqueue(Delivery delivery);

  /**
   * {@link #enqueue} for several deliveries (a page of events' deliveries), in as few writes as the
   * store allows; returns those that were new, in the given order. Each delivery keeps its own
   * duplicate check: one already enqueued is left as it is and the others are still stored.
   */
  default List<Delivery> enqueueAll(List<Delivery> deliveries) {
    return deliveries.stream().filter(this::enqueue).toList();
  }

  /** Replaces a delivery; it is in the pending set iff its state is PENDING. */
  void save(Delivery delivery);

  Optional<Delivery> delivery(String webhook, String id);

  /**
   * PENDING deliveries due at or before {@code now}, oldest first, at most {@code limit}, leaving
   * out those of the webhooks in {@code except} (the dispatcher's busy lanes: reading their
   * deliveries on every poll only to skip them made each poll slower as the backlog grew).
   */
  List<Delivery> due(Instant now, int limit, Set<String> except);

  /**
   * A page of a webhook's deliveries in creation order, after the one with id {@code afterId}
   * (null: from the first), at most {@code limit}.
   */
  List<Delivery> history(String webhook, String afterId, int limit);

  /** The last event-log sequence whose deliveries are all enqueued (0 at first). */
  long cursor();

  /** Moves the cursor from {@code expected} to {@code next}; false when it was not at expected. */
  boolean advanceCursor(long expected, long next);
}
