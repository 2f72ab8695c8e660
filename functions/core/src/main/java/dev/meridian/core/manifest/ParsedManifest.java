package dev.meridian.core.manifest;

import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import java.util.List;
import java.util.Map;

/**
 * What Meridian needs to know of a pushed manifest, read from its JSON. The bytes themselves are
 * kept by the caller and stored unchanged (distribution-spec, "Pushing Manifests": the registry
 * MUST store the manifest exactly as provided).
 *
 * @param mediaType the manifest's media type (from its {@code mediaType} field or the request's
 *     {@code Content-Type})
 * @param requiredBlobs config and layer digests that must be linked in the repository
 * @param manifests child manifest digests of an index (must be present in the repository)
 * @param subject the {@code subject} descriptor, or null
 * @param artifactType {@code artifactType}, else {@code config.mediaType} for image manifests
 *     (distribution-spec "Listing Referrers"), else null
 * @param annotations top-level annotations (never null)
 */
public record ParsedManifest(
    String mediaType,
    List<Digest> requiredBlobs,
    List<Digest> manifests,
    Descriptor subject,
    String artifactType,
    Map<String, String> annotations) {

  public ParsedManifest {
    requiredBlobs = List.copyOf(requiredBlobs);
    manifests = List.copyOf(manifests);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public boolean isIndex() {
    return dev.meridian.core.oci.MediaTypes.isIndex(mediaType);
  }
}
