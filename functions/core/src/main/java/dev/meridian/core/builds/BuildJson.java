package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The builds API's wire shapes (docs/builds.md): camelCase JSON, ISO-8601 times, absent = null. */
final class BuildJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private BuildJson() {}

  /** {@code {"context": "sha256:…", "dockerfile", "images": [], "buildArgs": {}, …}}. */
  static BuildRequest request(byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("request body must be a JSON object");
    }
    String context = text(node, "context");
    List<String> images = new ArrayList<>();
    JsonNode imageNodes = node.get("images");
    if (imageNodes != null && imageNodes.isArray()) {
      imageNodes.forEach(i -> images.add(i.asText()));
    } else if (imageNodes != null && !imageNodes.isNull()) {
      throw new IllegalArgumentException("images must be an array of repository:tag names");
    }
    Map<String, String> args = new LinkedHashMap<>();
    JsonNode argNodes = node.get("buildArgs");
    if (argNodes != null && argNodes.isObject()) {
      argNodes.fields().forEachRemaining(e -> args.put(e.getKey(), e.getValue().asText()));
    }
    JsonNode timeout = node.get("timeoutSeconds");
    return new BuildRequest(context == null ? null : Digest.parse(context),
        text(node, "dockerfile"), images, args, text(node, "platform"),
        timeout == null || timeout.isNull() ? null : Duration.ofSeconds(timeout.asLong()),
        text(node, "clientToken"), null); // the owner is the caller, never the body's
  }

  static ObjectNode run(BuildRun run, String region) {
    ObjectNode n = JSON.createObjectNode()
        .put("runId", run.id().toString())
        .put("status", run.status().wireName())
        .put("region", region)
        .put("statusUrl", statusUrl(run.id()))
        .put("createdAt", run.createdAt().toString())
        .put("startedAt", run.startedAt() == null ? null : run.startedAt().toString())
        .put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString())
        .put("error", run.error());
    if (run.leaseUntil() != null && run.status() == RunStatus.RUNNING) {
      n.put("leaseUntil", run.leaseUntil().toString());
    }
    ObjectNode trigger = n.putObject("trigger").put("type", run.trigger().type());
    if (run.trigger().detail() != null) {
      trigger.put("detail", run.trigger().detail());
    }
    n.set("request", request(run.request()));
    ArrayNode images = n.putArray("images");
    run.images().forEach(images::add);
    ArrayNode outputs = n.putArray("outputImages");
    run.outputs().forEach(o -> outputs.addObject().put("name", o.name())
        .put("digest", o.digest().toString()));
    return n;
  }

  /** A request as the API shows it (in a run, a task). */
  static ObjectNode request(BuildRequest r) {
    ObjectNode request = JSON.createObjectNode()
        .put("context", r.context().toString())
        .put("dockerfile", r.dockerfile())
        .put("platform", r.platform())
        .put("timeoutSeconds", r.timeout().toSeconds())
        .put("clientToken", r.clientToken())
        .put("owner", r.owner());
    if (!r.taskFile().isEmpty()) {
      request.put("taskFile", r.taskFile());
    }
    r.images().forEach(request.putArray("images")::add);
    ObjectNode args = request.putObject("buildArgs");
    r.buildArgs().forEach(args::put);
    return request;
  }

  static String statusUrl(RunId id) {
    return "/meridian/v1/builds/" + id;
  }

  static HttpResponse response(int status, JsonNode body) {
    try {
      return new HttpResponse(status, null, ResponseBody.of(JSON.writeValueAsBytes(body)))
          .header("Content-Type", "application/json");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
