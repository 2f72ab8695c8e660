package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.num;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;
import static dev.meridian.aws.dynamodb.DynamoDbItems.str;

import dev.meridian.core.events.BuildEvent;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.events.WebhookDeadLetter;
import dev.meridian.core.storage.StorageLayout;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link RegistryEvent} ↔ the items of {@link DynamoDbEventLog} (attributes in {@code
 * docs/storage-layout.md}). Absent optional fields are left out of the item, as elsewhere.
 */
final class DynamoDbEventItems {
  static final String SEQUENCE = "sequence";
  static final String COUNTER = "n";

  private DynamoDbEventItems() {}

  static Map<String, AttributeValue> event(RegistryEvent e) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.EVENT_PK, StorageLayout.eventSk(e.sequence())));
    item.put("id", s(e.id()));
    item.put(SEQUENCE, n(e.sequence()));
    item.put("timestamp", s(e.timestamp().toString()));
    item.put("action", s(e.action().wireName()));
    putIfPresent(item, "repository", e.repository()); // a dead letter's event may be unknown
    putIfPresent(item, "tag", e.tag());
    putIfPresent(item, "digest", e.digest());
    putIfPresent(item, "mediaType", e.mediaType());
    item.put("size", n(e.size()));
    putIfPresent(item, "originSeed", e.originSeed() == null ? null : e.originSeed().value());
    putIfPresent(item, "version", e.version());
    putIfPresent(item, "region", e.region());
    if (e.request() != null) {
      Map<String, AttributeValue> request = new HashMap<>();
      putIfPresent(request, "id", e.request().id());
      putIfPresent(request, "host", e.request().host());
      putIfPresent(request, "method", e.request().method());
      putIfPresent(request, "useragent", e.request().userAgent());
      putIfPresent(request, "reason", e.request().reason());
      item.put("request", AttributeValue.fromM(request));
    }
    if (e.build() != null) {
      item.put("build", build(e.build()));
    }
    if (e.webhook() != null) {
      item.put("webhook", webhook(e.webhook()));
    }
    return item;
  }

  static RegistryEvent event(Map<String, AttributeValue> item) {
    AttributeValue r = item.get("request");
    EventRequest request = r == null ? null : new EventRequest(str(r.m(), "id"),
        str(r.m(), "host"), str(r.m(), "method"), str(r.m(), "useragent"), str(r.m(), "reason"));
    return new RegistryEvent(str(item, "id"), num(item, SEQUENCE),
        Instant.parse(str(item, "timestamp")),
        EventAction.parse(str(item, "action")),
        str(item, "repository"), str(item, "tag"), str(item, "digest"), str(item, "mediaType"),
        num(item, "size"), DynamoDbItems.seed(item, "originSeed"), str(item, "version"), request,
        str(item, "region"), item.containsKey("build") ? build(item.get("build").m()) : null,
        item.containsKey("webhook") ? webhook(item.get("webhook").m()) : null);
  }

  /** A dead letter's delivery as a map attribute. */
  private static AttributeValue webhook(WebhookDeadLetter w) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put("name", s(w.name()));
    m.put("deliveryId", s(w.deliveryId()));
    putIfPresent(m, "eventId", w.eventId());
    m.put("eventAction", s(w.eventAction()));
    m.put("reason", s(w.reason()));
    m.put("attempts", n(w.attempts()));
    m.put("lastStatus", n(w.lastStatus()));
    putIfPresent(m, "lastError", w.lastError());
    return AttributeValue.fromM(m);
  }

  private static WebhookDeadLetter webhook(Map<String, AttributeValue> m) {
    return new WebhookDeadLetter(str(m, "name"), str(m, "deliveryId"), str(m, "eventId"),
        str(m, "eventAction"), str(m, "reason"), (int) num(m, "attempts"),
        (int) num(m, "lastStatus"), str(m, "lastError"));
  }

  /** A build event's run as a map attribute: {@code outputs} a list of {name, digest} maps. */
  private static AttributeValue build(BuildEvent b) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put("runId", s(b.runId()));
    m.put("phase", s(b.phase()));
    m.put("runStatus", s(b.runStatus()));
    m.put("triggerType", s(b.triggerType()));
    putIfPresent(m, "triggerDetail", b.triggerDetail());
    m.put("images", AttributeValue.fromL(b.images().stream().map(DynamoDbItems::s).toList()));
    m.put("outputs", AttributeValue.fromL(b.outputs().stream().map(o -> AttributeValue.fromM(
        Map.of("name", s(o.name()), "digest", s(o.digest())))).toList()));
    putIfPresent(m, "error", b.error());
    return AttributeValue.fromM(m);
  }

  private static BuildEvent build(Map<String, AttributeValue> m) {
    return new BuildEvent(str(m, "runId"), str(m, "phase"), str(m, "runStatus"),
        str(m, "triggerType"), str(m, "triggerDetail"),
        m.get("images").l().stream().map(AttributeValue::s).toList(),
        m.get("outputs").l().stream().map(o -> new BuildEvent.Output(str(o.m(), "name"),
            str(o.m(), "digest"))).toList(), str(m, "error"));
  }

  /** The id guard: which sequence the event with this id was appended at. */
  static Map<String, AttributeValue> guard(String eventId, long sequence) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.eventIdPk(eventId), StorageLayout.EVENT_ID_SK));
    item.put(SEQUENCE, n(sequence));
    return item;
  }

  static Map<String, AttributeValue> counter(long value) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.EVENT_COUNTER_PK, StorageLayout.COUNTER_SK));
    item.put(COUNTER, n(value));
    return item;
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }
}
