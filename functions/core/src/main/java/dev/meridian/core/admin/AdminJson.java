package dev.meridian.core.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.events.EventDocument;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.replication.ReplicationStatus;
import dev.meridian.core.route.RouteJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The admin API's wire shapes: camelCase JSON, times as ISO-8601 UTC strings, absent = null. */
public final class AdminJson {
  private AdminJson() {}

  static ObjectNode regionState(ReplicationStatus.RegionState s) {
    return RouteJson.object()
        .put("region", s.region())
        .put("seed", s.seed().value())
        .put("state", s.state().name().toLowerCase(Locale.ROOT))
        .put("manifestPresent", s.manifestPresent())
        .put("tagDigest", s.tagDigest())
        .put("tagVersion", s.tagVersion())
        .put("appliedAt", time(s.appliedAt()))
        .put("failedAt", time(s.failedAt()))
        .put("error", s.error())
        .set("pending", s.pending() == null ? null : RouteJson.object()
            .put("digest", s.pending().digest() == null ? null : s.pending().digest().toString())
            .put("version", s.pending().version().toString())
            .put("fromSeed", s.pending().fromSeed().value()));
  }

  static ObjectNode lag(ReplicationLag.PeerLag l, Duration age) {
    return RouteJson.object()
        .put("pendingChanges", l.pendingChanges())
        .put("pendingBytes", l.pendingBytes())
        .put("failedChanges", l.failedChanges())
        .put("oldestPendingAt", time(l.oldestPending()))
        .put("oldestPendingAgeMillis", age == null ? null : Math.max(0, age.toMillis()));
  }

  /** The event's document, shared with EventBridge and CloudEvents (docs/events.md). */
  static ObjectNode event(RegistryEvent e) {
    return EventDocument.of(e);
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
