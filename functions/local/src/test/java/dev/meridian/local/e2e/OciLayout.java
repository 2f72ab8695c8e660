package dev.meridian.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads an image back out of an OCI image layout (for instance one that skopeo wrote). */
final class OciLayout {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What identifies an image: its manifest (digest and exact bytes), config and layer digests. */
  record Image(
      String manifestDigest,
      String manifestMediaType,
      byte[] manifestBytes,
      String configDigest,
      List<String> layerDigests) {

    /** Digests only: the form used in assertions so a mismatch prints readably. */
    List<String> digests() {
      List<String> all = new ArrayList<>();
      all.add("manifest " + manifestDigest);
      all.add("config " + configDigest);
      layerDigests.forEach(d -> all.add("layer " + d));
      return all;
    }
  }

  private OciLayout() {}

  /** The image that index.json names {@code tag} (annotation org.opencontainers.image.ref.name). */
  static Image read(Path dir, String tag) {
    try {
      JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
      for (JsonNode entry : index.path("manifests")) {
        if (tag.equals(entry.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
          String digest = entry.path("digest").asText();
          byte[] bytes = Files.readAllBytes(blobPath(dir, digest));
          JsonNode manifest = JSON.readTree(bytes);
          List<String> layers = new ArrayList<>();
          manifest.path("layers").forEach(l -> layers.add(l.path("digest").asText()));
          return new Image(
              digest,
              entry.path("mediaType").asText(),
              bytes,
              manifest.path("config").path("digest").asText(),
              List.copyOf(layers));
        }
      }
      throw new IllegalStateException("no manifest tagged " + tag + " in " + index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Re-hashes a blob file (streamed) and returns its digest, which must equal its name. */
  static String hashBlob(Path dir, String digest) {
    MessageDigest sha = OciLayoutBuilder.sha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(blobPath(dir, digest))) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  static Path blobPath(Path dir, String digest) {
    int colon = digest.indexOf(':');
    return dir.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
  }
}
