package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.num;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;
import static dev.meridian.aws.dynamodb.DynamoDbItems.str;

import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.webhooks.Delivery;
import dev.meridian.core.webhooks.WebhookAction;
import dev.meridian.core.webhooks.WebhookConfig;
import dev.meridian.core.webhooks.WebhookFormat;
import dev.meridian.core.webhooks.WebhookScope;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Webhook records ↔ DynamoDB items (keys from {@link StorageLayout}). The secret is stored as
 * given: the table is the region's, readable only by its functions' role (on AWS, encrypted at
 * rest by default).
 */
final class DynamoDbWebhookItems {
  private DynamoDbWebhookItems() {}

  static Map<String, AttributeValue> config(WebhookConfig c) {
    Map<String, AttributeValue> item = new HashMap<>(key(StorageLayout.WEBHOOKS_PK, c.name()));
    item.put("name", s(c.name()));
    item.put("serviceUri", s(c.serviceUri().toString()));
    item.put("headers", AttributeValue.fromM(c.headers().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
    item.put("actions", AttributeValue.fromL(c.actions().stream()
        .map(a -> s(a.wireName())).toList()));
    item.put("scope", s(c.scope().text()));
    item.put("enabled", AttributeValue.fromBool(c.enabled()));
    item.put("secret", s(c.secret()));
    if (c.createdAt() != null) {
      item.put("createdAt", s(c.createdAt().toString()));
    }
    item.put("format", s(c.format().wireName()));
    return item;
  }

  static WebhookConfig config(Map<String, AttributeValue> item) {
    return new WebhookConfig(str(item, "name"), URI.create(str(item, "serviceUri")),
        item.get("headers").m().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s())),
        item.get("actions").l().stream().map(a -> WebhookAction.parse(a.s()))
            .collect(Collectors.toSet()),
        WebhookScope.parse(str(item, "scope")), item.get("enabled").bool(), str(item, "secret"),
        item.containsKey("createdAt") ? Instant.parse(str(item, "createdAt")) : null,
        WebhookFormat.parse(item.containsKey("format") ? str(item, "format") : null));
  }

  static String deliverySk(Delivery d) {
    return StorageLayout.webhookDeliverySk(d.createdAt().toEpochMilli(), d.id());
  }

  static Map<String, AttributeValue> delivery(Delivery d) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.webhookPk(d.webhook()), deliverySk(d)));
    item.put("webhook", s(d.webhook()));
    item.put("id", s(d.id()));
    if (d.eventId() != null) {
      item.put("eventId", s(d.eventId()));
    }
    item.put("action", s(d.action().wireName()));
    item.put("body", s(d.body()));
    item.put("state", s(d.state().name()));
    item.put("createdAt", s(d.createdAt().toString()));
    item.put("windowStart", s(d.windowStart().toString()));
    item.put("nextAttemptAt", s(d.nextAttemptAt().toString()));
    item.put("attemptCount", n(d.attemptCount()));
    item.put("attempts", AttributeValue.fromL(d.attempts().stream()
        .map(a -> AttributeValue.fromM(attempt(a))).toList()));
    return item;
  }

  static Delivery delivery(Map<String, AttributeValue> item) {
    return new Delivery(str(item, "webhook"), str(item, "id"), str(item, "eventId"),
        WebhookAction.parse(str(item, "action")), str(item, "body"),
        Delivery.State.valueOf(str(item, "state")), Instant.parse(str(item, "createdAt")),
        Instant.parse(str(item, "windowStart")), Instant.parse(str(item, "nextAttemptAt")),
        (int) num(item, "attemptCount"),
        item.get("attempts").l().stream().map(a -> attempt(a.m())).toList());
  }

  /** Points from a delivery id to its sort key (ids come from the API; keys carry the time). */
  static Map<String, AttributeValue> pointer(Delivery d) {
    Map<String, AttributeValue> item = new HashMap<>(key(StorageLayout.webhookPk(d.webhook()),
        StorageLayout.webhookDeliveryIdSk(d.id())));
    item.put("key", s(deliverySk(d)));
    return item;
  }

  static Map<String, AttributeValue> pending(Delivery d) {
    Map<String, AttributeValue> item = new HashMap<>(key(StorageLayout.WEBHOOK_PENDING_PK,
        StorageLayout.webhookPendingSk(d.webhook(), d.id())));
    item.put("webhook", s(d.webhook()));
    item.put("key", s(deliverySk(d)));
    item.put("due", n(d.nextAttemptAt().toEpochMilli()));
    return item;
  }

  private static Map<String, AttributeValue> attempt(Delivery.Attempt a) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put("at", s(a.at().toString()));
    m.put("status", n(a.status()));
    m.put("latencyMillis", n(a.latencyMillis()));
    if (a.error() != null) {
      m.put("error", s(a.error()));
    }
    if (a.summary() != null) { // "summary", not the old "response" (a body): never read back
      m.put("summary", s(a.summary()));
    }
    return m;
  }

  private static Delivery.Attempt attempt(Map<String, AttributeValue> m) {
    return new Delivery.Attempt(Instant.parse(str(m, "at")), (int) num(m, "status"),
        num(m, "latencyMillis"), str(m, "error"), str(m, "summary"));
  }
}
