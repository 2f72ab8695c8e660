package dev.meridian.core.manifest;

import java.util.Locale;

/**
 * What a region does with a pull of content that another region holds and this one does not yet
 * (docs/replication.md "What a pull sees while replicating"). A registry-wide setting
 * with per-repository overrides, written to every region.
 */
public enum OnMiss {
  /** Answer {@code 404 MANIFEST_UNKNOWN} that says where the content is and when to retry. */
  REPORT,
  /**
   * Serve it from the region that holds it (manifest proxied, blobs redirected to that region's
   * presigned URLs) and move its replication here to the front. Cross-region reads cost egress.
   */
  FETCH;

  /** {@code report} or {@code fetch}, as the API and docs spell it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code report} or {@code fetch} (any case); anything else is an error. */
  public static OnMiss parse(String text) {
    for (OnMiss m : values()) {
      if (m.wireName().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("onMiss must be \"report\" or \"fetch\", got " + text);
  }
}
