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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code docker-archive:FILE}: what {@code docker save} writes and {@code docker load} reads — a tar
 * with {@code manifest.json} ({@code [{"Config","RepoTags","Layers"}]}), the config file and one
 * tar per layer (plain in classic archives, as stored in Docker 25+'s OCI-shaped ones).
 *
 * <p>Read: the image becomes an OCI manifest whose layers are the archive's files as they are
 * ({@code …layer.v1.tar}, or {@code +gzip} when gzip-compressed), so nothing is recompressed and
 * the config's {@code diff_ids} stay right. Written: layers are stored as the registry holds them;
 * {@code docker load} decompresses gzip layers itself. One image per archive (an index is refused).
 */
public final class DockerArchive implements ImageSource, ImageDestination {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Path work;
  private final String repoTag;
  private final Map<String, Path> files = new HashMap<>();
  private Manifest manifest;

  private DockerArchive(Path file, Path work, String repoTag) {
    this.file = file;
    this.work = work;
    this.repoTag = repoTag;
  }

  /** Reads the archive's image named {@code repoTag} in RepoTags, or its only image when null. */
  public static DockerArchive reading(Path file, String repoTag) {
    DockerArchive archive = new DockerArchive(file, TempDirs.create("docker-archive-"), repoTag);
    try {
      Tar.extract(file, archive.work);
      archive.index();
      return archive;
    } catch (IOException e) {
      archive.close();
      throw CliException.invalid("cannot read " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  /** Writes an archive whose RepoTags is {@code [repoTag]} (none when null). */
  public static DockerArchive writing(Path file, String repoTag) {
    return new DockerArchive(file, TempDirs.create("docker-archive-"), repoTag);
  }

  private void index() throws IOException {
    JsonNode entries = JSON.readTree(work.resolve("manifest.json").toFile());
    JsonNode entry = null;
    for (JsonNode e : entries) {
      boolean named = false;
      for (JsonNode t : e.path("RepoTags")) {
        named |= t.asText().equals(repoTag);
      }
      if (repoTag == null ? entries.size() == 1 : named) {
        entry = e;
      }
    }
    if (entry == null) {
      throw new CliException(dev.meridian.cli.error.ExitCode.NOT_FOUND, "MANIFEST_UNKNOWN", repoTag == null
          ? file + " holds " + entries.size() + " images: name one with docker-archive:" + file + ":NAME:TAG"
          : "no image " + repoTag + " in " + file);
    }
    ObjectNode oci = JSON.createObjectNode();
    oci.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
    oci.set("config", describe(entry.path("Config").asText(), MediaTypes.OCI_CONFIG).toJson());
    ArrayNode layers = oci.putArray("layers");
    for (JsonNode layer : entry.path("Layers")) {
      Path p = work.resolve(layer.asText());
      layers.add(describe(layer.asText(), gzip(p) ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER).toJson());
    }
    manifest = Manifest.of(JSON.writeValueAsBytes(oci), MediaTypes.OCI_MANIFEST);
  }

  private Descriptor describe(String name, String mediaType) throws IOException {
    Path p = work.resolve(name).normalize();
    if (!p.startsWith(work)) {
      throw CliException.invalid("manifest.json names a file outside the archive: " + name);
    }
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(p), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
    files.put(digest, p);
    return new Descriptor(mediaType, digest, Files.size(p));
  }

  @Override
  public Manifest manifest() {
    return manifest;
  }

  @Override
  public Manifest child(Descriptor descriptor) {
    throw CliException.invalid("a docker-archive holds no index");
  }

  @Override
  public BlobContent blob(Descriptor descriptor) {
    return BlobContent.ofFile(files.get(descriptor.digest()));
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    return false;
  }

  @Override
  public void putBlob(Descriptor blob, BlobContent content, Progress.Tracker progress) {
    new Blobs(work).write(blob, content, progress);
  }

  @Override
  public void putManifest(Manifest m, boolean top) {
    if (m.isIndex() || !top) {
      throw CliException.invalid("docker-archive holds one image, not an index: pull a platform's manifest by digest");
    }
    manifest = m;
  }

  @Override
  public void commit() {
    Blobs blobs = new Blobs(work);
    List<Descriptor> all = manifest.blobs();
    List<String> names = new ArrayList<>();
    ObjectNode entry = JSON.createObjectNode();
    String configName = hex(all.get(0)) + ".json";
    entry.put("Config", configName);
    ArrayNode tags = entry.putArray("RepoTags");
    if (repoTag != null) {
      tags.add(repoTag);
    }
    ArrayNode layers = entry.putArray("Layers");
    try {
      Files.move(blobs.path(all.get(0).digest()), work.resolve(configName));
      names.add(configName);
      for (Descriptor layer : all.subList(1, all.size())) {
        String name = hex(layer) + "/layer.tar";
        Files.createDirectories(work.resolve(hex(layer)));
        Files.move(blobs.path(layer.digest()), work.resolve(name));
        layers.add(name);
        names.add(name);
      }
      Files.write(work.resolve("manifest.json"), JSON.writeValueAsBytes(JSON.createArrayNode().add(entry)));
      names.add(0, "manifest.json");
      Tar.writeReplacing(work, names, file);
    } catch (IOException e) {
      throw CliException.io("writing " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String describe(Manifest top) {
    return "docker-archive:" + file + (repoTag != null ? ":" + repoTag : "") + "@" + top.digest();
  }

  @Override
  public void close() {
    TempDirs.delete(work);
  }

  private static String hex(Descriptor d) {
    return d.digest().substring(d.digest().indexOf(':') + 1);
  }

  private static boolean gzip(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
