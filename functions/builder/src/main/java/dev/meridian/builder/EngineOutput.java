package dev.meridian.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Hex;
import dev.meridian.core.oci.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Reads the image an engine saved ({@code docker save}: {@code manifest.json}, the config, one
 * uncompressed {@code layer.tar} per layer) into an OCI image ready for {@link ImagePusher}: a
 * layer whose {@code diff_id} is a base layer's is the base's blob (mounted, not re-uploaded, so
 * base layers keep their digests); every other layer is read through the build's budget (entries,
 * bytes per file, unpacked bytes: what the engine wrote counts like what the builder writes) and
 * gzip-compressed into a temp file. The config keeps the engine's bytes; the manifest is OCI.
 */
final class EngineOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineOutput() {}

  static ImageAssembler.Image read(Path saved, Map<Digest, ImageLayer> baseLayers,
      Workspace workspace) throws IOException {
    Map<String, Path> files = unpack(saved, workspace);
    JsonNode manifest = JSON.readTree(Files.readAllBytes(need(files, "manifest.json")));
    if (!manifest.isArray() || manifest.size() != 1) {
      throw new IOException("the engine saved " + manifest.size() + " images, expected 1");
    }
    byte[] config = Files.readAllBytes(need(files, manifest.get(0).path("Config").asText()));
    Digest configDigest = ImageAssembler.sha256(config);
    JsonNode diffIds = JSON.readTree(config).path("rootfs").path("diff_ids");
    JsonNode layerNames = manifest.get(0).path("Layers");
    workspace.meter().layers(layerNames.size());
    List<ImageLayer> layers = new ArrayList<>();
    for (int i = 0; i < layerNames.size(); i++) {
      Path tar = need(files, layerNames.get(i).asText());
      ImageLayer layer = layer(tar, baseLayers, workspace, i);
      if (!layer.diffId().toString().equals(diffIds.path(i).asText())) {
        throw new IOException("layer " + i + " of the saved image does not match its diff_id");
      }
      layers.add(layer);
    }
    ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", MediaTypes.OCI_MANIFEST);
    m.set("config", descriptor(MediaTypes.OCI_CONFIG, configDigest, config.length));
    ArrayNode list = m.putArray("layers");
    layers.forEach(l -> list.add(descriptor(l.mediaType(), l.digest(), l.size())));
    byte[] manifestBytes = JSON.writeValueAsBytes(m);
    return new ImageAssembler.Image(config, configDigest, manifestBytes,
        ImageAssembler.sha256(manifestBytes), layers);
  }

  private static ImageLayer layer(Path tar, Map<Digest, ImageLayer> baseLayers,
      Workspace workspace, int index) throws IOException {
    Digest diffId = sha256(tar);
    ImageLayer base = baseLayers.get(diffId);
    if (base != null) {
      return base;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
      TarReader reader = new TarReader(in, workspace.meter(), "layer " + index + " of the built image");
      while (reader.next() != null) {
        // counts entries and bytes against the budget; the content is skipped
      }
    }
    Path gz = workspace.newFile(".layer.tar.gz");
    MessageDigest sha = LayerFile.sha256();
    try (OutputStream file = new DigestOutputStream(Files.newOutputStream(gz), sha);
        GZIPOutputStream gzip = new GZIPOutputStream(file, 64 * 1024)) {
      Files.copy(tar, gzip);
    }
    return new ImageLayer(MediaTypes.OCI_LAYER_TAR_GZIP,
        new Digest(Digest.SHA256, Hex.encode(sha.digest())), Files.size(gz), diffId, null, gz);
  }

  /** Each regular file of the saved archive, by name, in a temp file. */
  private static Map<String, Path> unpack(Path saved, Workspace workspace) throws IOException {
    Map<String, Path> files = new HashMap<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(saved))) {
      TarReader reader = new TarReader(in); // the layers inside are budgeted one by one
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        if (e.isFile()) {
          Path file = workspace.newFile(".saved");
          Files.copy(reader.content(), file, StandardCopyOption.REPLACE_EXISTING);
          files.put(e.name(), file);
        }
      }
    }
    return files;
  }

  private static Path need(Map<String, Path> files, String name) throws IOException {
    Path p = files.get(name);
    if (p == null) {
      throw new IOException("the saved image has no " + name);
    }
    return p;
  }

  private static Digest sha256(Path file) throws IOException {
    MessageDigest sha = LayerFile.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return new Digest(Digest.SHA256, Hex.encode(sha.digest()));
  }

  private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString())
        .put("size", size);
  }
}
