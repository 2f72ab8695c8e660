package dev.meridian.core.storage;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.version.Version;
import java.util.Objects;

/**
 * A newer version of a tag that its origin has started replicating to this region and that this
 * region's index has not applied yet ("no silent stale tag"; docs/replication.md "What a
 * pull sees while replicating"). The origin's fan-out records it on the tag's index item before it
 * copies anything; applying that version (or a newer one) replaces the item and so ends it.
 *
 * @param digest what the tag will point at (null: the newer version deletes the tag)
 * @param version the newer version
 * @param fromSeed the seed of the region sending it (the version's origin)
 */
public record PendingTag(Digest digest, Version version, Seed fromSeed) {

  public PendingTag {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(fromSeed, "fromSeed");
  }

  /** The pending change a tag record represents while it is on its way. */
  public static PendingTag of(TagRecord record) {
    return new PendingTag(record.digest(), record.version(), record.version().originSeed());
  }
}
