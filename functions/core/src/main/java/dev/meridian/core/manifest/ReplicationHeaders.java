package dev.meridian.core.manifest;

import dev.meridian.core.storage.PendingTag;

/**
 * The response headers by which a pull says what replication means for it
 * (docs/replication.md "What a pull sees while replicating"). Registry-specific headers, as ECR's
 * and ACR's own; clients that do not know them ignore them.
 */
public final class ReplicationHeaders {
  /**
   * On a tag served while a newer version is on its way here: {@code pending; newer=<digest>;
   * from=<region>} ({@code newer=deleted} when the newer version deletes the tag).
   */
  public static final String REPLICATION = "Meridian-Replication";
  /** On a manifest or blob read through from another region: that region's name. */
  public static final String SERVED_FROM = "Meridian-Served-From";

  private ReplicationHeaders() {}

  static String pending(PendingTag pending, String fromRegion) {
    return "pending; newer=" + (pending.digest() == null ? "deleted" : pending.digest())
        + "; from=" + fromRegion;
  }
}
