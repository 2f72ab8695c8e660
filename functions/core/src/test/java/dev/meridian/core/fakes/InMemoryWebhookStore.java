package dev.meridian.core.fakes;

import dev.meridian.core.webhooks.Delivery;
import dev.meridian.core.webhooks.WebhookConfig;
import dev.meridian.core.webhooks.WebhookStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** An in-memory webhook store; passes {@code WebhookStoreContract}. One lock for everything. */
public final class InMemoryWebhookStore implements WebhookStore {
  private final Map<String, WebhookConfig> configs = new TreeMap<>();
  /** Per webhook, deliveries in creation order (insertion order of a LinkedHashMap). */
  private final Map<String, Map<String, Delivery>> deliveries = new TreeMap<>();
  private long cursor;

  @Override
  public synchronized boolean create(WebhookConfig config) {
    return configs.putIfAbsent(config.name(), config) == null;
  }

  @Override
  public synchronized void update(WebhookConfig config) {
    configs.put(config.name(), config);
  }

  @Override
  public synchronized Optional<WebhookConfig> get(String name) {
    return Optional.ofNullable(configs.get(name));
  }

  @Override
  public synchronized boolean delete(String name) {
    Map<String, Delivery> held = deliveries.get(name);
    if (held != null) { // leaves the pending set, as the DynamoDB store's pending items go
      held.replaceAll((id, d) -> d.state() == Delivery.State.PENDING ? d.dead(d.nextAttemptAt())
          : d);
    }
    return configs.remove(name) != null;
  }

  @Override
  public synchronized List<WebhookConfig> list() {
    return List.copyOf(configs.values());
  }

  @Override
  public synchronized boolean enqueue(Delivery delivery) {
    Map<String, Delivery> mine =
        deliveries.computeIfAbsent(delivery.webhook(), k -> new LinkedHashMap<>());
    return mine.putIfAbsent(delivery.id(), delivery) == null;
  }

  @Override
  public synchronized void save(Delivery delivery) {
    deliveries.computeIfAbsent(delivery.webhook(), k -> new LinkedHashMap<>())
        .put(delivery.id(), delivery);
  }

  @Override
  public synchronized Optional<Delivery> delivery(String webhook, String id) {
    return Optional.ofNullable(deliveries.getOrDefault(webhook, Map.of()).get(id));
  }

  @Override
  public synchronized List<Delivery> due(Instant now, int limit, Set<String> except) {
    return deliveries.values().stream().flatMap(m -> m.values().stream())
        .filter(d -> d.state() == Delivery.State.PENDING && !d.nextAttemptAt().isAfter(now))
        .filter(d -> !except.contains(d.webhook()))
        .sorted(Comparator.comparing(Delivery::nextAttemptAt))
        .limit(limit).toList();
  }

  @Override
  public synchronized List<Delivery> history(String webhook, String afterId, int limit) {
    List<Delivery> all = new ArrayList<>(deliveries.getOrDefault(webhook, Map.of()).values());
    int from = 0;
    if (afterId != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id().equals(afterId)) {
          from = i + 1;
        }
      }
    }
    return List.copyOf(all.subList(from, Math.min(all.size(), from + limit)));
  }

  @Override
  public synchronized long cursor() {
    return cursor;
  }

  @Override
  public synchronized boolean advanceCursor(long expected, long next) {
    if (cursor != expected) {
      return false;
    }
    cursor = next;
    return true;
  }
}
