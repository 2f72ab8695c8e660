package dev.meridian.core.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.events.EventDocument;
import dev.meridian.core.events.RegistryEvent;
import java.time.Instant;
import java.util.List;

/**
 * Delivery bodies, shaped as ACR's webhook events (learn.microsoft.com, "Azure Container Registry
 * webhook reference": {@code id, timestamp, action, target{mediaType, size, digest, length,
 * repository, tag}, request{id, host, method, useragent}}) so receivers written for ACR work
 * unchanged; Meridian adds {@code region} and, for {@code replicated}, {@code regions} with the
 * arrival times. {@code id} is the delivery's stable id (also {@code webhook-id}), and {@code
 * timestamp} the event's time, so a retried body is byte-identical.
 */
public final class WebhookPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayloads() {}

  /** The body for {@code webhook}'s format: this class's ACR event or a CloudEvent. */
  public static String event(WebhookFormat format, String id, RegistryEvent e,
      List<ArrivalTimes.Arrival> arrivals) {
    return format == WebhookFormat.CLOUDEVENTS ? CloudEventPayloads.event(id, e, arrivals)
        : event(id, e, arrivals);
  }

  /** The ping body for {@code format}. */
  public static String ping(WebhookFormat format, String id, Instant now, String region) {
    return format == WebhookFormat.CLOUDEVENTS ? CloudEventPayloads.ping(id, now, region)
        : ping(id, now, region);
  }

  public static String event(String id, RegistryEvent e, List<ArrivalTimes.Arrival> arrivals) {
    ObjectNode root = JSON.createObjectNode()
        .put("id", id)
        .put("timestamp", e.timestamp().toString())
        .put("action", e.action().wireName());
    ObjectNode target = root.putObject("target");
    if (e.mediaType() != null) {
      target.put("mediaType", e.mediaType());
    }
    if (e.size() >= 0) {
      target.put("size", e.size()).put("length", e.size()); // ACR sends both, equal
    }
    if (e.digest() != null) {
      target.put("digest", e.digest());
    }
    target.put("repository", e.repository());
    if (e.tag() != null) {
      target.put("tag", e.tag());
    }
    EventDocument.putRequest(root, e.request());
    root.put("region", e.region());
    if (e.action() == dev.meridian.core.events.EventAction.REPLICATED) {
      putArrivals(root, arrivals);
    }
    if (e.build() != null) {
      root.set("build", build(e.build()));
    }
    return write(root);
  }

  /** A {@code build} event's run (docs/webhooks.md "Build events"; {@link BuildEventJson}). */
  public static ObjectNode build(dev.meridian.core.events.BuildEvent b) {
    return dev.meridian.core.events.BuildEventJson.of(b);
  }

  /** {@code regions}: each region's arrival time (null: not there yet). */
  static void putArrivals(ObjectNode node, List<ArrivalTimes.Arrival> arrivals) {
    ArrayNode regions = node.putArray("regions");
    for (ArrivalTimes.Arrival a : arrivals) {
      regions.addObject().put("region", a.region()).put("seed", a.seed().value())
          .put("arrivedAt", a.arrivedAt() == null ? null : a.arrivedAt().toString());
    }
  }

  /** ACR's ping event: {@code {"id", "timestamp", "action": "ping"}}, plus the region. */
  public static String ping(String id, Instant now, String region) {
    return write(JSON.createObjectNode().put("id", id).put("timestamp", now.toString())
        .put("action", "ping").put("region", region));
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render webhook payload", e);
    }
  }
}
