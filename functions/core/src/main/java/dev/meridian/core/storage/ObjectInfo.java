package dev.meridian.core.storage;

import java.util.Map;

/**
 * What HEAD says of an object. {@code contentType} may be null. {@code metadata} is the object's
 * user metadata (S3 {@code x-amz-meta-*}, names lower case, without the prefix); never null.
 * Replication reads the origin of a manifest object from it ({@link StorageLayout#ORIGIN_METADATA}).
 */
public record ObjectInfo(
    String key, long size, String eTag, String contentType, Map<String, String> metadata) {

  public ObjectInfo {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** An object without user metadata (the original four components). */
  public ObjectInfo(String key, long size, String eTag, String contentType) {
    this(key, size, eTag, contentType, Map.of());
  }
}
