package dev.meridian.core.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.lifecycle.retention.RetentionCandidate;
import dev.meridian.core.lifecycle.retention.RetentionRunner;
import dev.meridian.core.lifecycle.softdelete.DeletedManifests;
import java.io.IOException;

/** The lifecycle API's wire shapes (camelCase JSON, ISO-8601 UTC times), as the admin API's. */
final class LifecycleJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LifecycleJson() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
    }
  }

  static HttpResponse response(int status, JsonNode body) {
    try {
      return new HttpResponse(status, new HttpHeaders().set("Content-Type", "application/json"),
          ResponseBody.of(JSON.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render lifecycle JSON", e);
    }
  }

  static ObjectNode report(RetentionRunner.Report r) {
    ObjectNode n = object().put("id", r.id()).put("at", r.at().toString())
        .put("dryRun", r.dryRun());
    var selected = n.putArray("selected");
    r.selected().forEach(c -> selected.add(candidate(c)));
    var deleted = n.putArray("deleted");
    r.deleted().forEach(c -> deleted.add(candidate(c)));
    var skipped = n.putArray("skipped");
    r.skipped().forEach(skipped::add);
    return n;
  }

  static ObjectNode candidate(RetentionCandidate c) {
    return object().put("repository", c.repository().value()).put("tag", c.tag())
        .put("digest", c.digest() == null ? null : c.digest().toString())
        .put("rule", c.rule()).put("criterion", c.criterion()).put("owner", c.owner() == null ? null : c.owner().value());
  }

  static ObjectNode deleted(DeletedManifests.Deleted d) {
    return object().put("repository", d.repository().value())
        .put("digest", d.digest().toString())
        .put("deletedAt", d.deletedAt().toString())
        .put("restorableUntil", d.restorableUntil().toString())
        .put("deletedIn", d.deletedIn() == null ? null : d.deletedIn().value());
  }
}
