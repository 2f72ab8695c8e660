package dev.meridian.core.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    if (e.request() != null) {
      root.putObject("request")
          .put("id", e.request().id())
          .put("host", e.request().host())
          .put("method", e.request().method())
          .put("useragent", e.request().userAgent());
      if (e.request().reason() != null) {
        root.put("reason", e.request().reason()); // e.g. "retention": Meridian deleted it
      }
    }
    root.put("region", e.region());
    if (e.action() == dev.meridian.core.events.EventAction.REPLICATED) {
      ArrayNode regions = root.putArray("regions");
      for (ArrivalTimes.Arrival a : arrivals) {
        regions.addObject().put("region", a.region()).put("seed", a.seed())
            .put("arrivedAt", a.arrivedAt() == null ? null : a.arrivedAt().toString());
      }
    }
    return write(root);
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
