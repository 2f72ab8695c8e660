package dev.meridian.core.manifest;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import java.nio.charset.StandardCharsets;

/** Manifest JSON for tests, written by hand so whitespace and key order are under test control. */
public final class TestManifests {
  private TestManifests() {}

  public static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
        + "}";
  }

  /** An OCI image manifest with a config and layers (each a descriptor), plus extra fields. */
  public static String oci(Digest config, String extraFields, Digest... layers) {
    return image(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_TAR_GZIP,
        config, extraFields, layers);
  }

  public static String docker(Digest config, Digest... layers) {
    return image(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG,
        MediaTypes.DOCKER_LAYER_TAR_GZIP, config, "", layers);
  }

  public static String index(String mediaType, String childMediaType, Digest... children) {
    StringBuilder s = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType
        + "\",\"manifests\":[");
    for (int i = 0; i < children.length; i++) {
      s.append(i == 0 ? "" : ",").append(descriptor(childMediaType, children[i], 100));
    }
    return s.append("]}").toString();
  }

  static String image(String mediaType, String configType, String layerType, Digest config,
      String extraFields, Digest... layers) {
    StringBuilder s = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType
        + "\",\"config\":" + descriptor(configType, config, 2) + ",\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      s.append(i == 0 ? "" : ",").append(descriptor(layerType, layers[i], 10));
    }
    s.append("]");
    if (!extraFields.isEmpty()) {
      s.append(",").append(extraFields);
    }
    return s.append("}").toString();
  }

  public static Digest digestOf(String manifest) {
    return ManifestDigests.compute(Digest.SHA256, manifest.getBytes(StandardCharsets.UTF_8));
  }

  public static Digest fakeDigest(char c) {
    return Digest.parse("sha256:" + String.valueOf(c).repeat(64));
  }
}
