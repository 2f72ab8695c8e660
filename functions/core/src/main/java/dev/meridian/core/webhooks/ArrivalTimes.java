package dev.meridian.core.webhooks;

import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.ReplicationStatus;
import java.time.Instant;
import java.util.List;

/**
 * For a {@code replicated} payload: every region with the time the change arrived there, if known.
 * The runtime builds it over {@link ReplicationStatus} (the origin's acks carry the times).
 */
public interface ArrivalTimes {

  /** No arrival data: {@code replicated} payloads carry an empty {@code regions} list. */
  ArrivalTimes NONE = event -> List.of();

  List<Arrival> of(RegistryEvent replicated);

  /** @param arrivedAt null when unknown */
  record Arrival(String region, Seed seed, Instant arrivedAt) {}

  /** Arrival times read from the replica set's status (one read of every region's index). */
  static ArrivalTimes from(ReplicationStatus status) {
    return event -> {
      String reference = event.tag() != null ? event.tag() : event.digest();
      if (reference == null) {
        return List.of();
      }
      return status.of(RepositoryName.parse(event.repository()), reference).stream()
          .map(s -> new Arrival(s.region(), s.seed(), s.appliedAt()))
          .toList();
    };
  }
}
