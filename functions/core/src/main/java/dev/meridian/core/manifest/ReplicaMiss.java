package dev.meridian.core.manifest;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest that is not in this region but is in others: what a miss tells the client (the
 * {@code detail} of its {@code 404 MANIFEST_UNKNOWN} and its {@code Retry-After}).
 *
 * @param digest the manifest's digest there (for a tag: what the tag points at there)
 * @param mediaType its media type there
 * @param presentIn the names of the regions that hold it, in seed order
 * @param source the seed of the region a read-through would read it from
 * @param pushedAt when it was written at its origin
 * @param state {@link State} for this region
 * @param retryAfterSeconds when a retry here is worth it
 * @param changeKey the bucket key of the change that brings it here (a tag record or manifest)
 */
public record ReplicaMiss(Digest digest, String mediaType, List<String> presentIn, Seed source,
    Instant pushedAt, State state, int retryAfterSeconds, String changeKey) {

  /** This region's replication state for the missing content. */
  public enum State {
    /** Recently written: the origin's fan-out is expected to bring it in moments. */
    REPLICATING,
    /**
     * Written a while ago and still not here (a lost notification, a slow or retried copy): this
     * region has started copying it itself.
     */
    DELAYED,
    /** The origin's last copy to this region failed; this region has started copying it. */
    FAILED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ReplicaMiss {
    presentIn = List.copyOf(presentIn);
  }

  /** The error's {@code detail} object (docs/replication.md has the exact shape). */
  public Map<String, Object> detail() {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("presentIn", presentIn);
    detail.put("digest", digest.toString());
    detail.put("pushedAt", pushedAt == null ? null
        : pushedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
    detail.put("state", state.wireName());
    detail.put("retryAfterSeconds", retryAfterSeconds);
    return detail;
  }
}
