package dev.meridian.core.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.replication.ReplicationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The admin API's wire shapes: camelCase JSON, times as ISO-8601 UTC strings, absent = null. */
final class AdminJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AdminJson() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static HttpResponse response(ObjectNode body) {
    try {
      return new HttpResponse(200, new HttpHeaders().set("Content-Type", "application/json"),
          ResponseBody.of(JSON.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render admin JSON", e);
    }
  }

  static ObjectNode regionState(ReplicationStatus.RegionState s) {
    return object()
        .put("region", s.region())
        .put("seed", s.seed())
        .put("state", s.state().name().toLowerCase(Locale.ROOT))
        .put("manifestPresent", s.manifestPresent())
        .put("tagDigest", s.tagDigest())
        .put("tagVersion", s.tagVersion())
        .put("appliedAt", time(s.appliedAt()))
        .put("failedAt", time(s.failedAt()))
        .put("error", s.error());
  }

  static ObjectNode lag(ReplicationLag.PeerLag l, Duration age) {
    return object()
        .put("pendingChanges", l.pendingChanges())
        .put("pendingBytes", l.pendingBytes())
        .put("failedChanges", l.failedChanges())
        .put("oldestPendingAt", time(l.oldestPending()))
        .put("oldestPendingAgeMillis", age == null ? null : Math.max(0, age.toMillis()));
  }

  static ObjectNode event(RegistryEvent e) {
    ObjectNode node = object()
        .put("id", e.id())
        .put("sequence", e.sequence())
        .put("timestamp", time(e.timestamp()))
        .put("action", e.action().wireName())
        .put("region", e.region())
        .put("origin", e.originSeed())
        .put("version", e.version());
    node.putObject("target")
        .put("repository", e.repository())
        .put("tag", e.tag())
        .put("digest", e.digest())
        .put("mediaType", e.mediaType())
        .put("size", e.size() < 0 ? null : e.size());
    if (e.request() != null) {
      node.putObject("request")
          .put("id", e.request().id())
          .put("host", e.request().host())
          .put("method", e.request().method())
          .put("useragent", e.request().userAgent());
      if (e.request().reason() != null) {
        node.put("reason", e.request().reason());
      }
    }
    return node;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
