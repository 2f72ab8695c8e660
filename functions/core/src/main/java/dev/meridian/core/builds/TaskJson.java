package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tasks API's wire shapes (docs/builds.md "Tasks"): a task as JSON, the {@code timers} of a
 * create or update body, and an update ({@code PATCH}) applied to a stored task.
 */
final class TaskJson {
  /** The fields of a build request a {@code PATCH} may change. */
  static final Set<String> REQUEST_FIELDS =
      Set.of("context", "dockerfile", "images", "buildArgs", "platform", "timeoutSeconds");
  private static final Set<String> PATCH_FIELDS = Set.of("context", "dockerfile", "images",
      "buildArgs", "platform", "timeoutSeconds", "baseImageTrigger", "timers", "httpTrigger",
      "rotateTriggerSecret", "enabled");

  private TaskJson() {}

  static JsonNode tree(byte[] body) {
    try {
      JsonNode node = BuildJson.JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not JSON: " + e.getMessage());
    }
  }

  /**
   * {@code "timers"}: an array of {@code {"name", "schedule", "enabled"}} (name default {@code
   * t1}, {@code t2}, …; enabled default true) or of bare schedule strings.
   */
  static List<TimerTrigger> timers(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("timers must be an array of {\"name\", \"schedule\"}");
    }
    List<TimerTrigger> timers = new ArrayList<>();
    for (JsonNode t : node) {
      String fallback = "t" + (timers.size() + 1);
      if (t.isTextual()) {
        timers.add(TimerTrigger.of(fallback, t.asText(), true));
      } else if (t.isObject()) {
        JsonNode enabled = t.get("enabled");
        timers.add(TimerTrigger.of(t.path("name").asText(fallback),
            t.path("schedule").asText(null),
            enabled == null || enabled.isNull() || enabled.asBoolean()));
      } else {
        throw new IllegalArgumentException("a timer is {\"name\", \"schedule\"} or a schedule");
      }
    }
    return timers;
  }

  /** Whether {@code body} changes what the task builds (then its bases are read again). */
  static boolean changesRequest(JsonNode body) {
    return REQUEST_FIELDS.stream().anyMatch(body::has);
  }

  /** Refuses fields a {@code PATCH} does not take (a typo must not pass silently). */
  static void checkPatchFields(JsonNode body) {
    body.fieldNames().forEachRemaining(f -> {
      if (!PATCH_FIELDS.contains(f)) {
        throw new IllegalArgumentException("a task update takes no '" + f + "'; it takes "
            + new java.util.TreeSet<>(PATCH_FIELDS));
      }
    });
  }

  /** {@code current}'s request with the request fields of {@code patch} put over it. */
  static BuildRequest patchedRequest(BuildRequest current, JsonNode patch) {
    ObjectNode merged = BuildJson.request(current);
    merged.remove("owner");
    merged.remove("clientToken");
    for (String field : REQUEST_FIELDS) {
      if (patch.has(field)) {
        merged.set(field, patch.get(field));
      }
    }
    try {
      return BuildJson.request(BuildJson.JSON.writeValueAsBytes(merged));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A task as the API shows it. Its secret is never shown here; the response that creates or
   * rotates it carries it once ({@link TaskRoutes}).
   */
  static ObjectNode task(Task t, String region, String baseUrl, Instant now) {
    ObjectNode n = BuildJson.JSON.createObjectNode().put("name", t.name())
        .put("region", region)
        .put("status", t.enabled() ? "Enabled" : "Disabled")
        .put("enabled", t.enabled())
        .put("baseImageTrigger", t.baseImageTrigger())
        .put("createdAt", t.createdAt().toString())
        .put("updatedAt", t.updatedAt().toString())
        .put("revision", t.revision());
    t.bases().forEach(n.putArray("bases")::add);
    ArrayNode timers = n.putArray("timers");
    for (TimerTrigger timer : t.timers()) {
      Instant next = timer.schedule().next(now);
      timers.addObject().put("name", timer.name()).put("schedule", timer.schedule().toString())
          .put("enabled", timer.enabled())
          .put("nextRunAt", t.enabled() && timer.enabled() && next != null ? next.toString()
              : null);
    }
    n.put("httpTrigger", t.hasHttpTrigger());
    if (t.hasHttpTrigger()) {
      n.put("triggerUrl", baseUrl + triggerPath(t.name()));
    }
    n.set("request", BuildJson.request(t.request()));
    return n;
  }

  static String triggerPath(String name) {
    return "/meridian/v1/tasks/" + name + "/trigger";
  }
}
