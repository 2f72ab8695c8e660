package dev.meridian.core.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.events.EventDocument;
import dev.meridian.core.events.EventTypes;
import dev.meridian.core.events.RegistryEvent;
import java.time.Instant;
import java.util.List;

/**
 * CloudEvents 1.0 bodies in structured JSON mode (cloudevents/spec, cloudevents/spec.md "Required
 * Attributes" and formats/json-format.md): {@code specversion}, {@code id} (the delivery's stable
 * id, equal to {@code webhook-id}, so a retry is the same event), {@code source} ({@code
 * /meridian/regions/<region>}), {@code type} ({@link EventTypes#cloudEventType}), {@code time},
 * {@code subject} ({@code repository:tag} or {@code repository@digest}), {@code
 * datacontenttype}, and {@code data}: the event document of docs/events.md (plus {@code regions}
 * with the arrival times for {@code replicated}, as in the ACR format).
 */
public final class CloudEventPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CloudEventPayloads() {}

  public static String event(String id, RegistryEvent e, List<ArrivalTimes.Arrival> arrivals) {
    ObjectNode data = EventDocument.of(e);
    if (!arrivals.isEmpty()) {
      WebhookPayloads.putArrivals(data, arrivals);
    }
    ObjectNode root = envelope(id, e.action().wireName(), e.timestamp(), e.region());
    String subject = e.tag() != null ? e.repository() + ":" + e.tag()
        : e.digest() != null ? e.repository() + "@" + e.digest() : e.repository();
    if (subject != null) {
      root.put("subject", subject);
    }
    root.set("data", data);
    return write(root);
  }

  /** The ping, as {@code dev.meridian.webhook.ping} with the region as data. */
  public static String ping(String id, Instant now, String region) {
    ObjectNode root = envelope(id, "ping", now, region);
    root.putObject("data").put("id", id).put("action", "ping").put("region", region);
    return write(root);
  }

  private static ObjectNode envelope(String id, String action, Instant time, String region) {
    return JSON.createObjectNode()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", "/meridian/regions/" + region)
        .put("type", EventTypes.cloudEventType(action))
        .put("time", time.toString())
        .put("datacontenttype", "application/json");
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render CloudEvent", e);
    }
  }
}
