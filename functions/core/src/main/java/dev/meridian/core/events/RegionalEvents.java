package dev.meridian.core.events;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;
import java.time.Clock;

/**
 * Appends events to one region's log with stable ids ({@link EventIds}). Used by the manifest
 * endpoints for local pushes and deletes and by replication for arrivals and completions.
 */
public final class RegionalEvents {
  private final String regionName;
  private final EventLog log;
  private final Clock clock;

  public RegionalEvents(String regionName, EventLog log, Clock clock) {
    this.regionName = regionName;
    this.log = log;
    this.clock = clock;
  }

  /**
   * What an event is about.
   *
   * @param tag null for a change by digest
   * @param digest null when unknown
   * @param mediaType null when unknown
   * @param size -1 when unknown
   */
  public record Target(RepositoryName repository, String tag, Digest digest, String mediaType,
      long size) {}

  /**
   * Appends unless the same (action, subject) was already appended in this region.
   *
   * @param subject what changed: the change's object key (see {@link EventIds#of})
   */
  public EventLog.Appended append(EventAction action, String subject, Target target,
      Seed originSeed, Version version, EventRequest request) {
    RegistryEvent draft = new RegistryEvent(EventIds.of(regionName, action, subject), 0,
        clock.instant(), action, target.repository().value(), target.tag(),
        target.digest() == null ? null : target.digest().toString(), target.mediaType(),
        target.size(), originSeed, version == null ? null : version.toString(), request,
        regionName);
    return log.append(draft);
  }

  public String regionName() {
    return regionName;
  }

  public EventLog log() {
    return log;
  }
}
