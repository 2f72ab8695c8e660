package dev.meridian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Small OCI image layouts for the tests, written without the CLI's own code: random layer bytes
 * (a registry stores blobs, it does not unpack them), a config naming their diff ids, a manifest
 * and index.json tagged as asked.
 */
final class TestLayouts {

  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a layout holds, to compare with what comes back. */
  record Image(String manifestDigest, String configDigest, List<String> layerDigests) {}

  private TestLayouts() {}

  static Image write(Path dir, String tag, long seed, int... layerSizes) {
    try {
      Files.createDirectories(dir.resolve("blobs/sha256"));
      Random random = new Random(seed);
      List<ObjectNode> layers = new ArrayList<>();
      ArrayNode diffIds = JSON.createArrayNode();
      for (int size : layerSizes) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        String digest = blob(dir, bytes);
        layers.add(descriptor("application/vnd.oci.image.layer.v1.tar", digest, size));
        diffIds.add(digest);
      }
      ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
      config.putObject("rootfs").put("type", "layers").set("diff_ids", diffIds);
      byte[] configBytes = JSON.writeValueAsBytes(config);
      String configDigest = blob(dir, configBytes);
      ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MANIFEST);
      manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", configDigest, configBytes.length));
      manifest.putArray("layers").addAll(layers);
      byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
      String manifestDigest = blob(dir, manifestBytes);
      ObjectNode entry = descriptor(MANIFEST, manifestDigest, manifestBytes.length);
      entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
      ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
      index.putArray("manifests").add(entry);
      Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return new Image(manifestDigest, configDigest, layers.stream().map(l -> l.get("digest").asText()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A multi-platform image: two single-layer images (as {@link #write}) and an OCI index over
   * them, tagged {@code tag}; returns the index's digest.
   */
  static String writeIndex(Path dir, String tag, long seed) {
    try {
      ArrayNode children = JSON.createArrayNode();
      String[] archs = {"amd64", "arm64"};
      for (int i = 0; i < archs.length; i++) {
        Image image = write(dir, tag, seed + i, 1_000 + i);
        byte[] manifest = Files.readAllBytes(dir.resolve("blobs/sha256").resolve(image.manifestDigest().substring(7)));
        ObjectNode child = descriptor(MANIFEST, image.manifestDigest(), manifest.length);
        child.putObject("platform").put("architecture", archs[i]).put("os", "linux");
        children.add(child);
      }
      ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", INDEX);
      index.set("manifests", children);
      byte[] indexBytes = JSON.writeValueAsBytes(index);
      String digest = blob(dir, indexBytes);
      ObjectNode entry = descriptor(INDEX, digest, indexBytes.length);
      entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
      ObjectNode top = JSON.createObjectNode().put("schemaVersion", 2);
      top.putArray("manifests").add(entry);
      Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(top));
      return digest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads back the image tagged {@code tag} in a layout, checking every blob's digest. */
  static Image read(Path dir, String tag) {
    try {
      String manifestDigest = null;
      for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile()).path("manifests")) {
        if (tag.equals(entry.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
          manifestDigest = entry.path("digest").asText();
        }
      }
      JsonNode manifest = JSON.readTree(verified(dir, manifestDigest));
      String config = manifest.path("config").path("digest").asText();
      verified(dir, config);
      List<String> layers = new ArrayList<>();
      for (JsonNode layer : manifest.path("layers")) {
        verified(dir, layer.path("digest").asText());
        layers.add(layer.path("digest").asText());
      }
      return new Image(manifestDigest, config, layers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] verified(Path dir, String digest) throws IOException {
    byte[] bytes = Files.readAllBytes(dir.resolve("blobs/sha256").resolve(digest.substring(7)));
    if (!sha256(bytes).equals(digest)) {
      throw new IllegalStateException("blob " + digest + " does not match its digest");
    }
    return bytes;
  }

  private static String blob(Path dir, byte[] bytes) throws IOException {
    String digest = sha256(bytes);
    Files.write(dir.resolve("blobs/sha256").resolve(digest.substring(7)), bytes);
    return digest;
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
  }
}
