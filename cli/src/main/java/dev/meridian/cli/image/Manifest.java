package dev.meridian.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.error.CliException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A manifest's exact bytes (never re-serialized: the digest is of these bytes), its media type
 * and digest; an image manifest lists blobs (config, layers), an index lists child manifests.
 */
public record Manifest(String mediaType, String digest, byte[] bytes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The manifest of {@code bytes}; the type from {@code mediaType} if given, else the body's field. */
  public static Manifest of(byte[] bytes, String mediaType) {
    String type = mediaType;
    if (type == null || type.isBlank() || type.startsWith("application/json")) {
      type = tree(bytes).path("mediaType").asText(MediaTypes.OCI_MANIFEST);
    }
    int semicolon = type.indexOf(';');
    return new Manifest(semicolon < 0 ? type.trim() : type.substring(0, semicolon).trim(), sha256(bytes), bytes);
  }

  public boolean isIndex() {
    return MediaTypes.INDEXES.contains(mediaType);
  }

  public JsonNode json() {
    return tree(bytes);
  }

  /** Config then layers (image manifest); empty for an index. Foreign layers ({@code urls}) are skipped. */
  public List<Descriptor> blobs() {
    List<Descriptor> blobs = new ArrayList<>();
    if (isIndex()) {
      return blobs;
    }
    JsonNode tree = json();
    if (tree.has("config")) {
      blobs.add(Descriptor.of(tree.get("config")));
    }
    for (JsonNode layer : tree.path("layers")) {
      if (!layer.has("urls")) {
        blobs.add(Descriptor.of(layer));
      }
    }
    return blobs;
  }

  /** The child manifests of an index. */
  public List<Descriptor> children() {
    List<Descriptor> children = new ArrayList<>();
    if (isIndex()) {
      json().path("manifests").forEach(m -> children.add(Descriptor.of(m)));
    }
    return children;
  }

  public Descriptor descriptor() {
    return new Descriptor(mediaType, digest, bytes.length);
  }

  private static JsonNode tree(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw CliException.invalid("manifest is not JSON: " + e.getMessage());
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
