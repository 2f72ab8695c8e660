package dev.meridian.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.Set;

/**
 * The one JSON document of a regional event: the event-log API's entries, the EventBridge
 * {@code detail} and the CloudEvents {@code data} (docs/events.md; one JSON Schema per action
 * under docs/events/). Fields an issue adds to {@link RegistryEvent} later (a build's run, a
 * deletion's reason) appear under their component name without a change here: every component
 * not laid out below is written as it is, when not null.
 */
public final class EventDocument {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The components laid out explicitly (target and request are nested, as in ACR's payload). */
  private static final Set<String> LAID_OUT = Set.of("id", "sequence", "timestamp", "action",
      "region", "originSeed", "version", "repository", "tag", "digest", "mediaType", "size",
      "request", "build", "webhook");

  private EventDocument() {}

  public static ObjectNode of(RegistryEvent e) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", e.id())
        .put("sequence", e.sequence())
        .put("timestamp", e.timestamp() == null ? null : e.timestamp().toString())
        .put("action", e.action().wireName())
        .put("region", e.region())
        .put("origin", e.originSeed() == null ? null : e.originSeed().value())
        .put("version", e.version());
    node.putObject("target")
        .put("repository", e.repository())
        .put("tag", e.tag())
        .put("digest", e.digest())
        .put("mediaType", e.mediaType())
        .put("size", e.size() < 0 ? null : e.size());
    putRequest(node, e.request());
    if (e.build() != null) {
      node.set("build", BuildEventJson.of(e.build()));
    }
    if (e.webhook() != null) {
      node.set("webhook", WebhookDeadLetterJson.of(e.webhook()));
    }
    addOtherComponents(e, node);
    return node;
  }

  /**
   * ACR's {@code request{id, host, method, useragent}}, when the request is known, and {@code
   * reason} beside it when Meridian itself made the change ({@code retention}, {@code lock}).
   */
  public static void putRequest(ObjectNode node, EventRequest request) {
    if (request != null) {
      node.putObject("request")
          .put("id", request.id())
          .put("host", request.host())
          .put("method", request.method())
          .put("useragent", request.userAgent());
      if (request.reason() != null) {
        node.put("reason", request.reason()); // e.g. "retention": Meridian deleted it
      }
    }
  }

  private static void addOtherComponents(RegistryEvent e, ObjectNode node) {
    for (RecordComponent c : RegistryEvent.class.getRecordComponents()) {
      if (LAID_OUT.contains(c.getName())) {
        continue;
      }
      Object value;
      try {
        value = c.getAccessor().invoke(e);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException("cannot read event component " + c.getName(), ex);
      }
      if (value != null) {
        node.set(c.getName(), toJson(value));
      }
    }
  }

  private static JsonNode toJson(Object value) {
    if (value instanceof TemporalAccessor || value instanceof java.time.Duration) {
      return JSON.getNodeFactory().textNode(value.toString());
    }
    if (value instanceof Enum<?> en) {
      return JSON.getNodeFactory().textNode(en.name().toLowerCase(java.util.Locale.ROOT));
    }
    return JSON.valueToTree(value);
  }
}
