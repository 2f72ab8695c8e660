package dev.meridian.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.ImageName;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves {@code FROM <image>} and {@code COPY --from=<image>} against this registry: a tag or
 * digest reference, an index narrowed to the target platform (image-spec image-index.md), then
 * the image manifest, its config and its layers. Bases come only from this registry (the runner
 * has no network policy for others), so a reference naming another registry host is refused.
 */
final class BaseImages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_CONFIG = 16L * 1024 * 1024;
  private final BaseImageSource source;

  BaseImages(BaseImageSource source) {
    this.source = source;
  }

  /** A resolved image: where it is, its config document and its layers. */
  record BaseImage(ImageName name, RepositoryName repository, Digest manifest, ObjectNode config,
      List<ImageLayer> layers) {}

  BaseImage resolve(String reference, Platform platform) {
    String ref = reference;
    String digest = null;
    int at = ref.indexOf('@');
    if (at >= 0) {
      digest = ref.substring(at + 1);
      ref = ref.substring(0, at);
    }
    int slash = ref.indexOf('/');
    String first = slash < 0 ? "" : ref.substring(0, slash);
    if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
      throw new IllegalArgumentException("'" + reference + "' names another registry; builds use "
          + "only images of this registry (write repo:tag)");
    }
    int colon = ref.lastIndexOf(':');
    String repo = colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
    String tag = colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "latest";
    if (!RepositoryName.isValid(repo) || !Tag.isValid(tag)) {
      throw new IllegalArgumentException("invalid image reference: " + reference);
    }
    RepositoryName repository = RepositoryName.parse(repo);
    String lookup = digest != null ? digest : tag;
    FetchedManifest manifest = source.manifest(repository, lookup).orElseThrow(() ->
        new IllegalArgumentException("image " + reference + " not found in this registry"));
    JsonNode root = read(manifest.bytes(), "manifest of " + reference);
    if (MediaTypes.isIndex(manifest.mediaType())) {
      Digest child = pick(root, platform, reference);
      manifest = source.manifest(repository, child.toString()).orElseThrow(() ->
          new IllegalArgumentException("image " + reference + ": index names " + child
              + " for " + platform + ", which is not in the registry"));
      root = read(manifest.bytes(), "manifest of " + reference);
    }
    if (!MediaTypes.IMAGE_MANIFESTS.contains(manifest.mediaType())) {
      throw new IllegalArgumentException(reference + " is not an image (" + manifest.mediaType()
          + ")");
    }
    ObjectNode config = config(repository, root.path("config"), reference);
    List<ImageLayer> layers = layers(repository, root.path("layers"), config, reference);
    checkPlatform(config, platform, reference);
    return new BaseImage(new ImageName(repository, Tag.parse(tag)), repository,
        manifest.digest(), config, layers);
  }

  private ObjectNode config(RepositoryName repository, JsonNode descriptor, String reference) {
    Digest digest = Digest.parse(descriptor.path("digest").asText());
    if (descriptor.path("size").asLong() > MAX_CONFIG) {
      throw new IllegalArgumentException("config of " + reference + " is too large");
    }
    try (InputStream in = source.blob(repository, digest).orElseThrow(() ->
        new RegistryAccessException("config " + digest + " of " + reference + " is missing"))) {
      JsonNode node = read(in.readNBytes((int) MAX_CONFIG), "config of " + reference);
      if (!node.isObject()) {
        throw new IllegalArgumentException("config of " + reference + " is not a JSON object");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new RegistryAccessException("cannot read config of " + reference, e);
    }
  }

  private static List<ImageLayer> layers(RepositoryName repository, JsonNode list,
      ObjectNode config, String reference) {
    JsonNode diffIds = config.path("rootfs").path("diff_ids");
    if (!list.isArray() || !diffIds.isArray() || list.size() != diffIds.size()) {
      throw new IllegalArgumentException(reference + ": layers and rootfs.diff_ids disagree");
    }
    List<ImageLayer> layers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode layer = list.get(i);
      if (layer.has("urls")) {
        throw new IllegalArgumentException(reference + " has foreign layers (with urls), "
            + "which builds do not support");
      }
      layers.add(new ImageLayer(ociLayerType(layer.path("mediaType").asText()),
          Digest.parse(layer.path("digest").asText()), layer.path("size").asLong(),
          Digest.parse(diffIds.get(i).asText()), repository, null));
    }
    return layers;
  }

  /**
   * Docker schema 2 layer types have OCI equivalents with the same bytes (image-spec
   * media-types.md "Compatibility Matrix"); the built manifest is OCI, so it says OCI.
   */
  static String ociLayerType(String mediaType) {
    return switch (mediaType) {
      case MediaTypes.DOCKER_LAYER_TAR_GZIP -> MediaTypes.OCI_LAYER_TAR_GZIP;
      case "application/vnd.docker.image.rootfs.diff.tar" -> "application/vnd.oci.image.layer.v1.tar";
      default -> mediaType;
    };
  }

  /** The index entry for {@code platform}: same os and architecture, variant if one is asked. */
  private static Digest pick(JsonNode index, Platform platform, String reference) {
    JsonNode fallback = null;
    for (JsonNode m : index.path("manifests")) {
      JsonNode p = m.path("platform");
      if (!platform.os().equals(p.path("os").asText().toLowerCase(Locale.ROOT))
          || !platform.architecture().equals(p.path("architecture").asText()
              .toLowerCase(Locale.ROOT))) {
        continue;
      }
      String variant = p.path("variant").asText("");
      if (variant.equals(platform.variant())) {
        return Digest.parse(m.path("digest").asText());
      }
      if (platform.variant().isEmpty() && fallback == null) {
        fallback = m;
      }
    }
    if (fallback != null) {
      return Digest.parse(fallback.path("digest").asText());
    }
    throw new IllegalArgumentException("image " + reference + " has no " + platform + " variant");
  }

  private static void checkPlatform(ObjectNode config, Platform platform, String reference) {
    String os = config.path("os").asText("");
    String arch = config.path("architecture").asText("");
    if ((!os.isEmpty() && !os.equals(platform.os()))
        || (!arch.isEmpty() && !arch.equals(platform.architecture()))) {
      throw new IllegalArgumentException("image " + reference + " is " + os + "/" + arch
          + ", not " + platform);
    }
  }

  private static JsonNode read(byte[] bytes, String what) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not valid JSON");
    }
  }
}
