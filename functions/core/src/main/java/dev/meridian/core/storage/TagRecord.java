package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.version.Version;

/**
 * A tag's state at a version: it points at {@code digest}, or it is deleted (a tombstone, digest
 * null). Tag changes never overwrite: the index keeps the record with the highest version
 * (docs/architecture.md, replication protocol), so concurrent writes in two regions converge.
 */
public record TagRecord(String tag, Digest digest, Version version) {

  public static TagRecord pointing(String tag, Digest digest, Version version) {
    return new TagRecord(tag, digest, version);
  }

  public static TagRecord deleted(String tag, Version version) {
    return new TagRecord(tag, null, version);
  }

  public boolean isDeleted() {
    return digest == null;
  }
}
