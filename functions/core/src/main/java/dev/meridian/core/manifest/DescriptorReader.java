package dev.meridian.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and validates one descriptor object of a manifest (image-spec descriptor.md): {@code
 * mediaType} in RFC 6838 form, a supported {@code digest}, a non-negative integer {@code size},
 * optional {@code artifactType} and string-valued {@code annotations}. Every failure is a {@code
 * MANIFEST_INVALID} naming the JSON path, so a client sees which entry is wrong.
 */
final class DescriptorReader {

  /** RFC 6838 §4.2 restricted-name, as image-spec descriptor.md requires of {@code mediaType}. */
  static final Pattern MEDIA_TYPE = Pattern.compile(
      "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  private DescriptorReader() {}

  static Descriptor read(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw invalid(path + " must be a descriptor object");
    }
    String mediaType = mediaType(node.get("mediaType"), path + ".mediaType");
    Digest digest = digest(node.get("digest"), path + ".digest");
    JsonNode size = node.get("size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
      throw invalid(path + ".size must be a non-negative integer");
    }
    String artifactType = null;
    JsonNode at = node.get("artifactType");
    if (at != null && !at.isNull()) {
      artifactType = mediaType(at, path + ".artifactType");
    }
    return new Descriptor(mediaType, digest, size.asLong(), artifactType,
        annotations(node.get("annotations"), path + ".annotations"));
  }

  /** True when the descriptor lists {@code urls}: foreign / non-distributable content. */
  static boolean hasUrls(JsonNode node) {
    JsonNode urls = node.get("urls");
    return urls != null && urls.isArray() && !urls.isEmpty();
  }

  static String mediaType(JsonNode node, String path) {
    if (node == null || !node.isTextual() || !MEDIA_TYPE.matcher(node.asText()).matches()) {
      throw invalid(path + " must be a media type (type/subtype)");
    }
    return node.asText();
  }

  static Map<String, String> annotations(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw invalid(path + " must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    var fields = node.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!e.getValue().isTextual()) {
        throw invalid(path + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static Digest digest(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      throw invalid(path + " is required");
    }
    try {
      return Digest.parse(node.asText());
    } catch (RegistryException e) {
      // A bad digest inside a manifest makes the manifest invalid; DIGEST_INVALID is for the
      // digest the client addressed (distribution-spec "Error Codes").
      throw invalid(path + ": " + e.getMessage());
    }
  }

  static RegistryException invalid(String message) {
    return new RegistryException(ErrorKind.MANIFEST_INVALID, message);
  }
}
