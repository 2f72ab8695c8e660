package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A manifest in a repository, as indexed. The bytes themselves live in the object store,
 * byte-exact, at {@link StorageLayout#manifest}.
 *
 * @param mediaType the manifest's media type (as stored and served in {@code Content-Type})
 * @param artifactType the manifest's {@code artifactType}, else its config media type for image
 *     manifests (referrers rule), or null
 * @param subject the {@code subject} descriptor's digest, or null
 * @param annotations the manifest's annotations (never null)
 * @param blobs digests of the config and layers it references (empty for an index)
 * @param manifests digests of the child manifests (an index), else empty
 */
public record ManifestRecord(
    Digest digest,
    String mediaType,
    long size,
    String artifactType,
    Digest subject,
    Map<String, String> annotations,
    List<Digest> blobs,
    List<Digest> manifests,
    Instant createdAt) {

  public ManifestRecord {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    blobs = List.copyOf(blobs);
    manifests = List.copyOf(manifests);
  }
}
