package dev.meridian.core.events;

import dev.meridian.core.naming.Seed;
import java.time.Instant;

/**
 * One entry of a region's event log; webhooks and build triggers consume it. Shaped after ACR's
 * webhook event ({@code id, timestamp, action, target{mediaType, size, digest, repository, tag},
 * request{...}}) plus Meridian's origin, version and region.
 *
 * @param id stable and unique: the same change seen twice (a duplicate S3 event, a retried
 *     function) yields the same id, so {@link EventLog#append} records it once
 * @param sequence position in the region's log, from 1; 0 in a draft not yet appended
 * @param tag null for changes by digest
 * @param digest null only for a tag tombstone whose digest is unknown
 * @param mediaType null when unknown (tag tombstones)
 * @param size manifest size in bytes, or -1 when unknown
 * @param originSeed the seed of the region where the change was accepted
 * @param version the change's version (tag records, tombstones), or null (manifests by digest)
 * @param request the request that made the change at its origin, or null when unknown
 * @param region the name of the region whose log holds the event
 * @param build for a {@code build} event, the run it is about (then {@code repository} and {@code
 *     tag} are those of the run's first image, for webhook scopes); null for every other action
 * @param webhook for a {@code webhook-dead-letter} event, the delivery given up (then {@code
 *     repository}, {@code tag}, {@code digest} are those of the event it carried, when known);
 *     null for every other action
 */
public record RegistryEvent(
    String id,
    long sequence,
    Instant timestamp,
    EventAction action,
    String repository,
    String tag,
    String digest,
    String mediaType,
    long size,
    Seed originSeed,
    String version,
    EventRequest request,
    String region,
    BuildEvent build,
    WebhookDeadLetter webhook) {

  /** An event about content (push, delete, replicated): no build. */
  public RegistryEvent(String id, long sequence, Instant timestamp, EventAction action,
      String repository, String tag, String digest, String mediaType, long size,
      Seed originSeed, String version, EventRequest request, String region) {
    this(id, sequence, timestamp, action, repository, tag, digest, mediaType, size, originSeed,
        version, request, region, null, null);
  }

  /** An event about content or a build run: no dead letter. */
  public RegistryEvent(String id, long sequence, Instant timestamp, EventAction action,
      String repository, String tag, String digest, String mediaType, long size,
      Seed originSeed, String version, EventRequest request, String region, BuildEvent build) {
    this(id, sequence, timestamp, action, repository, tag, digest, mediaType, size, originSeed,
        version, request, region, build, null);
  }

  public RegistryEvent withSequence(long next) {
    return new RegistryEvent(id, next, timestamp, action, repository, tag, digest, mediaType, size,
        originSeed, version, request, region, build, webhook);
  }
}
