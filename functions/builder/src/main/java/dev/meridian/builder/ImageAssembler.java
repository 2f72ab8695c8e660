package dev.meridian.builder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Hex;
import dev.meridian.core.oci.MediaTypes;
import java.util.List;

/**
 * Writes a finished stage as an OCI image: the config (image-spec config.md: {@code created},
 * {@code architecture}, {@code os}, {@code config}, {@code rootfs.diff_ids}, {@code history}) and
 * an image manifest (manifest.md) naming the config and the layers in order. For an image built
 * on a registry image the manifest carries the {@code org.opencontainers.image.base.name} and
 * {@code .base.digest} annotations (annotations.md). Field order is fixed, so equal builds give
 * equal bytes.
 */
final class ImageAssembler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A finished image: its config and manifest bytes and the layers the manifest names. */
  record Image(byte[] config, Digest configDigest, byte[] manifest, Digest manifestDigest,
      List<ImageLayer> layers) {}

  static Image assemble(StageState s, String created) {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("created", created);
    config.put("architecture", s.platform.architecture());
    config.put("os", s.platform.os());
    if (!s.platform.variant().isEmpty()) {
      config.put("variant", s.platform.variant());
    }
    config.set("config", s.config);
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    s.layers.forEach(l -> diffIds.add(l.diffId().toString()));
    ArrayNode history = config.putArray("history");
    s.history.forEach(history::add);
    byte[] configBytes = bytes(config);
    Digest configDigest = sha256(configBytes);

    ObjectNode manifest = JsonNodeFactory.instance.objectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.set("config", descriptor(MediaTypes.OCI_CONFIG, configDigest, configBytes.length));
    ArrayNode layers = manifest.putArray("layers");
    s.layers.forEach(l -> layers.add(descriptor(l.mediaType(), l.digest(), l.size())));
    if (s.baseName != null) {
      ObjectNode annotations = manifest.putObject("annotations");
      annotations.put("org.opencontainers.image.base.digest", s.baseDigest);
      annotations.put("org.opencontainers.image.base.name", s.baseName.toString());
    }
    byte[] manifestBytes = bytes(manifest);
    return new Image(configBytes, configDigest, manifestBytes,
        sha256(manifestBytes), List.copyOf(s.layers));
  }

  private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest.toString());
    d.put("size", size);
    return d;
  }

  static Digest sha256(byte[] bytes) {
    return new Digest(Digest.SHA256, Hex.encode(LayerFile.sha256().digest(bytes)));
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
