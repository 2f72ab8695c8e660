package dev.meridian.cli.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;
import dev.meridian.cli.image.MediaTypes;
import dev.meridian.cli.transfer.BlobContent;
import dev.meridian.cli.transfer.ImageDestination;
import dev.meridian.cli.transfer.ImageSource;
import dev.meridian.cli.transfer.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An OCI image layout directory (image-spec {@code image-layout.md}) as source and destination.
 * The image is the {@code index.json} entry whose {@code org.opencontainers.image.ref.name} is the
 * tag (skopeo's {@code oci:DIR:TAG}); without a tag, the layout's only entry. Writing adds or
 * replaces that entry and keeps the others.
 */
public final class OciLayout implements ImageSource, ImageDestination {

  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String tag;
  private final Blobs blobs;
  private Manifest top;

  public OciLayout(Path dir, String tag) {
    this.dir = dir;
    this.tag = tag;
    this.blobs = new Blobs(dir);
  }

  @Override
  public Manifest manifest() {
    JsonNode index = readIndex();
    JsonNode chosen = null;
    int count = 0;
    for (JsonNode entry : index.path("manifests")) {
      count++;
      String name = entry.path("annotations").path(REF_NAME).asText(null);
      if (tag != null ? tag.equals(name) : count == 1) {
        chosen = entry;
      }
    }
    if (chosen == null || (tag == null && count != 1)) {
      throw new CliException(dev.meridian.cli.error.ExitCode.NOT_FOUND, "MANIFEST_UNKNOWN", tag == null
          ? dir + " holds " + count + " images: name one with oci:" + dir + ":TAG"
          : "no image tagged '" + tag + "' in " + dir);
    }
    Descriptor d = new Descriptor(chosen.path("mediaType").asText(null), chosen.path("digest").asText(), 0);
    return Manifest.of(blobs.read(d.digest()), d.mediaType());
  }

  @Override
  public Manifest child(Descriptor descriptor) {
    return Manifest.of(blobs.read(descriptor.digest()), descriptor.mediaType());
  }

  @Override
  public BlobContent blob(Descriptor descriptor) {
    return blobs.content(descriptor.digest());
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    return blobs.has(blob);
  }

  @Override
  public void putBlob(Descriptor blob, BlobContent content, Progress.Tracker progress) {
    blobs.write(blob, content, progress);
  }

  @Override
  public void putManifest(Manifest manifest, boolean top) {
    blobs.writeBytes(manifest.digest(), manifest.bytes());
    if (top) {
      this.top = manifest;
    }
  }

  @Override
  public void commit() {
    ObjectNode index = Files.exists(dir.resolve("index.json")) ? (ObjectNode) readIndex() : JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode entry : index.path("manifests")) {
      String name = entry.path("annotations").path(REF_NAME).asText(null);
      if (tag == null ? !entry.path("digest").asText().equals(top.digest()) : !tag.equals(name)) {
        kept.add(entry);
      }
    }
    ObjectNode entry = top.descriptor().toJson();
    if (tag != null) {
      entry.putObject("annotations").put(REF_NAME, tag);
    }
    kept.add(entry);
    index.set("manifests", kept);
    try {
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    } catch (IOException e) {
      throw CliException.io("writing " + dir + "/index.json: " + e.getMessage());
    }
  }

  @Override
  public String describe(Manifest manifest) {
    return "oci:" + dir + (tag != null ? ":" + tag : "") + "@" + manifest.digest();
  }

  @Override
  public void close() {
    // a directory: nothing to release
  }

  private JsonNode readIndex() {
    Path index = dir.resolve("index.json");
    try {
      return JSON.readTree(index.toFile());
    } catch (IOException e) {
      throw new CliException(dev.meridian.cli.error.ExitCode.NOT_FOUND, "NOT_FOUND",
          "no OCI layout at " + dir + " (" + index + ": " + e.getMessage() + ")");
    }
  }
}
