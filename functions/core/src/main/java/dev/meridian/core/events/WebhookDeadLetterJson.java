package dev.meridian.core.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code webhook-dead-letter} event's delivery as JSON, the same in every channel (the
 * event-log API, EventBridge; docs/events/webhook-dead-letter.schema.json): {@code name}, {@code
 * deliveryId}, {@code eventId}, {@code eventAction}, {@code reason}, {@code attempts}, {@code
 * lastStatus} (null without a response), {@code lastError}.
 */
public final class WebhookDeadLetterJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookDeadLetterJson() {}

  public static ObjectNode of(WebhookDeadLetter w) {
    ObjectNode node = JSON.createObjectNode().put("name", w.name())
        .put("deliveryId", w.deliveryId()).put("eventId", w.eventId())
        .put("eventAction", w.eventAction()).put("reason", w.reason())
        .put("attempts", w.attempts());
    if (w.lastStatus() < 0) {
      node.putNull("lastStatus");
    } else {
      node.put("lastStatus", w.lastStatus());
    }
    return node.put("lastError", w.lastError());
  }
}
