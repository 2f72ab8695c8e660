package dev.meridian.core.oci;

import java.util.Map;

/**
 * An OCI content descriptor (image-spec descriptor.md). {@code artifactType} may be null;
 * {@code annotations} is never null (empty when absent).
 */
public record Descriptor(
    String mediaType, Digest digest, long size, String artifactType, Map<String, String> annotations) {

  public Descriptor {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, Map.of());
  }
}
