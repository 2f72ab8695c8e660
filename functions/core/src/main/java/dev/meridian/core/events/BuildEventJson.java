package dev.meridian.core.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code build} event's run as JSON, the same in every channel (the event-log API, webhooks,
 * EventBridge, CloudEvents; docs/webhooks.md "Build events", docs/events/build.schema.json):
 * {@code runId}, {@code phase}, {@code status}, {@code trigger{type, detail}}, {@code images},
 * {@code outputImages[{name, digest}]}, {@code error}.
 */
public final class BuildEventJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BuildEventJson() {}

  public static ObjectNode of(BuildEvent b) {
    ObjectNode node = JSON.createObjectNode().put("runId", b.runId()).put("phase", b.phase())
        .put("status", b.runStatus());
    ObjectNode trigger = node.putObject("trigger").put("type", b.triggerType());
    if (b.triggerDetail() != null) {
      trigger.put("detail", b.triggerDetail());
    }
    ArrayNode images = node.putArray("images");
    b.images().forEach(images::add);
    ArrayNode outputs = node.putArray("outputImages");
    b.outputs().forEach(o -> outputs.addObject().put("name", o.name()).put("digest", o.digest()));
    if (b.error() != null) {
      node.put("error", b.error());
    }
    return node;
  }
}
