package dev.meridian.core.manifest;

import static dev.meridian.core.manifest.DescriptorReader.invalid;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Parses and validates a pushed manifest: OCI image manifest and index (image-spec manifest.md,
 * image-index.md), Docker v2 schema 2 manifest and manifest list. It only reads; the caller stores
 * the original bytes.
 *
 * <p>Media type: the manifest's own {@code mediaType} field when present, which MUST equal the
 * request's {@code Content-Type} (distribution-spec "Pushing Manifests"; parameters ignored),
 * else the {@code Content-Type}. A generic or missing {@code Content-Type} ({@code
 * application/json}, {@code application/octet-stream}, as sent by hand-written curl pushes) defers
 * to the field.
 *
 * <p>Unknown media types are refused with {@code MANIFEST_INVALID}. The spec lets registries accept
 * any manifest type, but Meridian must know what a manifest references: it refuses incomplete
 * images (MANIFEST_BLOB_UNKNOWN) and replicates blobs and children before the manifest
 * (docs/architecture.md), which an opaque document would defeat. Docker schema 1 is refused for the
 * same reason and because CNCF distribution v3 dropped it.
 *
 * <p>Duplicate JSON keys and trailing content are rejected: different parsers resolve duplicate
 * keys differently, which would let a client and the registry disagree on what a manifest says.
 *
 * <p>Limits (MANIFEST_INVALID, 400): at most {@value #MAX_DESCRIPTORS} descriptors in {@code
 * layers} (besides the config) or {@code manifests}, and at most {@value #MAX_ANNOTATION_BYTES}
 * UTF-8 bytes of top-level annotations (keys and values). The index keeps each manifest's
 * references and annotations in one DynamoDB item, which cannot exceed 400 KB; within these limits
 * it fits even with sha512 digests, while the 4 MiB body limit alone would let a manifest list
 * 40,000 layers or carry 4 MB of annotations and fail with a 500 after its bytes were stored.
 * Docker's layer limit is 127; real indexes list tens of platforms.
 */
public final class ManifestParser {

  /** Most descriptors in {@code layers} (besides the config) or {@code manifests}. */
  public static final int MAX_DESCRIPTORS = 2048;
  /** Most UTF-8 bytes of top-level annotation keys and values. */
  public static final int MAX_ANNOTATION_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Parses {@code body} pushed with {@code contentType} (may be null). */
  public ParsedManifest parse(byte[] body, String contentType) {
    JsonNode root = readObject(body);
    JsonNode version = root.get("schemaVersion");
    // canConvertToInt: asInt() of 4294967298 (2^32 + 2) would be 2.
    if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()
        || version.intValue() != 2) {
      throw invalid("schemaVersion must be 2");
    }
    String declared = null;
    if (root.hasNonNull("mediaType")) {
      declared = DescriptorReader.mediaType(root.get("mediaType"), "mediaType");
    }
    String requested = specificType(contentType);
    if (declared != null && requested != null && !declared.equalsIgnoreCase(requested)) {
      throw invalid("mediaType " + declared + " does not match Content-Type " + requested);
    }
    String mediaType = declared != null ? declared : requested;
    if (mediaType == null) {
      throw invalid("no manifest media type: set Content-Type or the mediaType field");
    }
    mediaType = mediaType.toLowerCase(Locale.ROOT);
    if (MediaTypes.IMAGE_MANIFESTS.contains(mediaType)) {
      return imageManifest(root, mediaType);
    }
    if (MediaTypes.INDEXES.contains(mediaType)) {
      return index(root, mediaType);
    }
    throw invalid("unsupported manifest media type: " + mediaType);
  }

  private static ParsedManifest imageManifest(JsonNode root, String mediaType) {
    JsonNode configNode = root.get("config");
    Descriptor config = DescriptorReader.read(configNode, "config");
    JsonNode layers = root.get("layers");
    if (layers == null || !layers.isArray()) {
      throw invalid("layers must be an array");
    }
    requireAtMost(layers, "layers");
    List<Digest> blobs = new ArrayList<>();
    if (!DescriptorReader.hasUrls(configNode)) {
      blobs.add(config.digest());
    }
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = DescriptorReader.read(layers.get(i), "layers[" + i + "]");
      // Foreign / non-distributable layers (with urls) are fetched from elsewhere by clients, so
      // the registry does not hold them (image-spec descriptor.md "urls"; distribution skips them).
      if (!DescriptorReader.hasUrls(layers.get(i))) {
        blobs.add(layer.digest());
      }
    }
    String artifactType = artifactType(root);
    if (artifactType == null) {
      artifactType = config.mediaType(); // referrers rule: fall back to config.mediaType
    }
    return new ParsedManifest(mediaType, blobs, List.of(), subject(root), artifactType,
        annotations(root));
  }

  private static ParsedManifest index(JsonNode root, String mediaType) {
    JsonNode manifests = root.get("manifests");
    if (manifests == null || !manifests.isArray()) {
      throw invalid("manifests must be an array");
    }
    requireAtMost(manifests, "manifests");
    List<Digest> children = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      children.add(DescriptorReader.read(manifests.get(i), "manifests[" + i + "]").digest());
    }
    return new ParsedManifest(mediaType, List.of(), children, subject(root), artifactType(root),
        annotations(root));
  }

  private static void requireAtMost(JsonNode descriptors, String field) {
    if (descriptors.size() > MAX_DESCRIPTORS) {
      throw invalid(field + " lists " + descriptors.size() + " descriptors; at most "
          + MAX_DESCRIPTORS + " are accepted");
    }
  }

  private static Map<String, String> annotations(JsonNode root) {
    Map<String, String> annotations =
        DescriptorReader.annotations(root.get("annotations"), "annotations");
    long bytes = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      bytes += utf8Length(e.getKey()) + utf8Length(e.getValue());
    }
    if (bytes > MAX_ANNOTATION_BYTES) {
      throw invalid("annotations hold " + bytes + " bytes; at most " + MAX_ANNOTATION_BYTES
          + " are accepted");
    }
    return annotations;
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Descriptor subject(JsonNode root) {
    JsonNode node = root.get("subject");
    return node == null || node.isNull() ? null : DescriptorReader.read(node, "subject");
  }

  private static String artifactType(JsonNode root) {
    JsonNode node = root.get("artifactType");
    return node == null || node.isNull() ? null : DescriptorReader.mediaType(node, "artifactType");
  }

  /** The media type of a Content-Type without parameters, or null when absent or generic. */
  static String specificType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    if (type.isEmpty() || type.equalsIgnoreCase("application/json")
        || type.equalsIgnoreCase("application/octet-stream")) {
      return null;
    }
    return type;
  }

  private static JsonNode readObject(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid("manifest is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("manifest is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest must be a JSON object");
    }
    return root;
  }
}
