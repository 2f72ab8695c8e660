package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.num;
import static dev.meridian.aws.dynamodb.DynamoDbItems.str;

import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.webhooks.Delivery;
import dev.meridian.core.webhooks.WebhookConfig;
import dev.meridian.core.webhooks.WebhookStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A region's {@link WebhookStore} in its table (keys: {@link StorageLayout}, "webhooks"). Configs
 * share one partition (a region has few); each webhook's deliveries are a partition ordered by
 * creation time, with an id pointer per delivery; the pending set is one partition of small items
 * ({@code due}, the delivery's key). A delivery is written before its pending entry changes, so a
 * crash can leave a stale pending entry, never a lost one: {@link #due} skips and removes entries
 * whose delivery is no longer PENDING.
 */
public final class DynamoDbWebhookStore implements WebhookStore {
  private static final int MAX_SCAN = 10_000;
  /** TransactWriteItems takes at most 100 items; a delivery is 3 (pointer, delivery, pending). */
  private static final int DELIVERIES_PER_TRANSACTION = 33;

  private final DynamoDbClient dynamoDb;
  private final DynamoDbTable table;

  public DynamoDbWebhookStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = new DynamoDbTable(dynamoDb, table);
  }

  @Override
  public boolean create(WebhookConfig config) {
    return table.putIf(DynamoDbWebhookItems.config(config), "attribute_not_exists(pk)", Map.of(),
        Map.of());
  }

  @Override
  public void update(WebhookConfig config) {
    table.put(DynamoDbWebhookItems.config(config));
  }

  @Override
  public Optional<WebhookConfig> get(String name) {
    return table.get(StorageLayout.WEBHOOKS_PK, name).map(DynamoDbWebhookItems::config);
  }

  @Override
  public boolean delete(String name) {
    boolean existed = table.delete(StorageLayout.WEBHOOKS_PK, name);
    for (Map<String, AttributeValue> p : table.query(StorageLayout.WEBHOOK_PENDING_PK,
        name + "#", null, null, Map.of(), Map.of(), MAX_SCAN)) {
      table.get(StorageLayout.webhookPk(name), str(p, "key"))
          .map(DynamoDbWebhookItems::delivery)
          .ifPresent(d -> table.put(DynamoDbWebhookItems.delivery(d.dead(d.nextAttemptAt()))));
      table.delete(StorageLayout.WEBHOOK_PENDING_PK, str(p, StorageLayout.SK));
    }
    return existed;
  }

  @Override
  public List<WebhookConfig> list() {
    return table.query(StorageLayout.WEBHOOKS_PK, null, null, null, Map.of(), Map.of(), MAX_SCAN)
        .stream().map(DynamoDbWebhookItems::config).toList();
  }

  /**
   * One transaction: the id pointer (if absent), the delivery, its pending entry. The pointer's
   * condition is the duplicate check; the pointer is read only when the transaction is cancelled.
   */
  @Override
  public boolean enqueue(Delivery d) {
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(writes(d)));
      return true;
    } catch (TransactionCanceledException e) {
      if (pointer(d.webhook(), d.id()).isPresent()) {
        return false; // a concurrent enqueue of the same delivery won
      }
      throw table.failure("enqueue delivery", e);
    } catch (SdkException e) {
      throw table.failure("enqueue delivery", e);
    }
  }

  /**
   * Up to {@value #DELIVERIES_PER_TRANSACTION} deliveries per transaction (the origin's poll made
   * one transaction per delivery: 6 per pushed image with 3 webhooks, in turn). When one of them
   * exists already (a page re-enqueued after a crash, or a concurrent poll), the transaction is
   * cancelled as a whole and that group falls back to {@link #enqueue} one by one.
   */
  @Override
  public List<Delivery> enqueueAll(List<Delivery> deliveries) {
    List<Delivery> fresh = new java.util.ArrayList<>();
    Map<String, Delivery> distinct = new java.util.LinkedHashMap<>(); // one write per item
    deliveries.forEach(d -> distinct.putIfAbsent(d.webhook() + "\n" + d.id(), d));
    List<Delivery> all = List.copyOf(distinct.values());
    for (int from = 0; from < all.size(); from += DELIVERIES_PER_TRANSACTION) {
      List<Delivery> group = all.subList(from,
          Math.min(all.size(), from + DELIVERIES_PER_TRANSACTION));
      if (group.size() == 1) {
        group.stream().filter(this::enqueue).forEach(fresh::add);
        continue;
      }
      List<TransactWriteItem> writes = new java.util.ArrayList<>();
      group.forEach(d -> writes.addAll(writes(d)));
      try {
        dynamoDb.transactWriteItems(r -> r.transactItems(writes));
        fresh.addAll(group);
      } catch (TransactionCanceledException e) {
        group.stream().filter(this::enqueue).forEach(fresh::add);
      } catch (SdkException e) {
        throw table.failure("enqueue deliveries", e);
      }
    }
    return fresh;
  }

  /** The id pointer (if absent: the duplicate check), the delivery, its pending entry. */
  private List<TransactWriteItem> writes(Delivery d) {
    List<TransactWriteItem> writes = new java.util.ArrayList<>();
    writes.add(put(DynamoDbWebhookItems.pointer(d), "attribute_not_exists(pk)"));
    writes.add(put(DynamoDbWebhookItems.delivery(d), null));
    if (d.state() == Delivery.State.PENDING) {
      writes.add(put(DynamoDbWebhookItems.pending(d), null));
    }
    return writes;
  }

  /** The delivery and its pending entry in one transaction (one round trip, not two in turn). */
  @Override
  public void save(Delivery d) {
    TransactWriteItem pending = d.state() == Delivery.State.PENDING
        ? put(DynamoDbWebhookItems.pending(d), null)
        : TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
            .key(DynamoDbItems.key(StorageLayout.WEBHOOK_PENDING_PK,
                StorageLayout.webhookPendingSk(d.webhook(), d.id()))).build()).build();
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(
          put(DynamoDbWebhookItems.delivery(d), null), pending));
    } catch (SdkException e) {
      throw table.failure("save delivery", e);
    }
  }

  @Override
  public Optional<Delivery> delivery(String webhook, String id) {
    return pointer(webhook, id).flatMap(key -> table.get(StorageLayout.webhookPk(webhook), key))
        .map(DynamoDbWebhookItems::delivery);
  }

  @Override
  public List<Delivery> due(Instant now, int limit, Set<String> except) {
    List<Map<String, AttributeValue>> entries = table.query(StorageLayout.WEBHOOK_PENDING_PK,
        null, null, "#due <= :now", Map.of("#due", "due"),
        Map.of(":now", n(now.toEpochMilli())), MAX_SCAN);
    List<Delivery> due = new java.util.ArrayList<>();
    entries.stream().filter(p -> !except.contains(str(p, "webhook")))
        .sorted(Comparator.comparingLong(p -> num(p, "due"))).limit(limit)
        .forEach(p -> {
          Optional<Delivery> d = table.get(StorageLayout.webhookPk(str(p, "webhook")),
              str(p, "key")).map(DynamoDbWebhookItems::delivery);
          if (d.isPresent() && d.get().state() == Delivery.State.PENDING) {
            due.add(d.get());
          } else { // stale: the delivery moved on after a crash between its two writes
            table.delete(StorageLayout.WEBHOOK_PENDING_PK, str(p, StorageLayout.SK));
          }
        });
    return due;
  }

  @Override
  public List<Delivery> history(String webhook, String afterId, int limit) {
    String after = afterId == null ? null : pointer(webhook, afterId).orElse(null);
    return table.query(StorageLayout.webhookPk(webhook), StorageLayout.WEBHOOK_DELIVERY_SK_PREFIX,
        after, null, Map.of(), Map.of(), limit).stream()
        .map(DynamoDbWebhookItems::delivery).toList();
  }

  @Override
  public long cursor() {
    return table.get(StorageLayout.WEBHOOK_CURSOR_PK, StorageLayout.COUNTER_SK)
        .map(item -> num(item, "n")).orElse(0L);
  }

  @Override
  public boolean advanceCursor(long expected, long next) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(
        DynamoDbItems.key(StorageLayout.WEBHOOK_CURSOR_PK, StorageLayout.COUNTER_SK));
    item.put("n", n(next));
    return expected == 0
        ? table.putIf(item, "attribute_not_exists(pk) OR #n = :zero", Map.of("#n", "n"),
            Map.of(":zero", n(0)))
        : table.putIf(item, "#n = :expected", Map.of("#n", "n"), Map.of(":expected", n(expected)));
  }

  private Optional<String> pointer(String webhook, String id) {
    return table.get(StorageLayout.webhookPk(webhook), StorageLayout.webhookDeliveryIdSk(id))
        .map(item -> str(item, "key"));
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
    Put.Builder put = Put.builder().tableName(table.name()).item(item);
    if (condition != null) {
      put.conditionExpression(condition);
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }
}
