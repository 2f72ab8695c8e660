package dev.meridian.local.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an OCI image layout (image-spec {@code image-layout.md}) to disk: {@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/…}. Layers are real tar+gzip archives of files filled
 * from a seeded PRNG (incompressible, deterministic), streamed to disk — a layer is never whole in
 * memory, so 64 MiB or 1 GiB layers cost only disk.
 */
final class OciLayoutBuilder {

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUFFER = 64 * 1024;

  /** One regular file inside a layer: {@code size} bytes from a PRNG seeded with {@code seed}. */
  record RandomFile(String name, long size, long seed) {}

  /** A blob written to the layout. */
  record Blob(String mediaType, String digest, long size) {}

  private record Layer(Blob blob, String diffId) {}

  private final Path dir;
  private final List<Layer> layers = new ArrayList<>();
  private final List<String> env = new ArrayList<>();

  private OciLayoutBuilder(Path dir) {
    this.dir = dir;
  }

  static OciLayoutBuilder create(Path dir) {
    try {
      Files.createDirectories(dir.resolve("blobs/sha256"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new OciLayoutBuilder(dir);
  }

  /** Adds a tar+gzip layer holding the given files. */
  OciLayoutBuilder layer(RandomFile... files) {
    try {
      Path tmp = Files.createTempFile(dir, "layer-", ".tmp");
      MessageDigest compressed = sha256();
      MessageDigest uncompressed = sha256();
      CountingOutputStream counter;
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER);
          DigestOutputStream gz = new DigestOutputStream(counter = new CountingOutputStream(file), compressed);
          GZIPOutputStream gzip = new FastGzipOutputStream(gz);
          DigestOutputStream tar = new DigestOutputStream(gzip, uncompressed)) {
        for (RandomFile f : files) {
          writeTarEntry(tar, f);
        }
        tar.write(new byte[1024]); // end-of-archive: two zero blocks
      }
      String digest = "sha256:" + HexFormat.of().formatHex(compressed.digest());
      Files.move(tmp, blobPath(digest), StandardCopyOption.REPLACE_EXISTING);
      String diffId = "sha256:" + HexFormat.of().formatHex(uncompressed.digest());
      layers.add(new Layer(new Blob(OCI_LAYER_GZIP, digest, counter.count), diffId));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  OciLayoutBuilder env(String keyValue) {
    env.add(keyValue);
    return this;
  }

  /** Writes config, manifest and index.json (the manifest tagged {@code tag}); returns the image. */
  OciLayout.Image build(String tag) {
    try {
      ObjectNode config = JSON.createObjectNode();
      config.put("architecture", "amd64").put("os", "linux");
      ArrayNode envNode = config.putObject("config").putArray("Env");
      env.forEach(envNode::add);
      ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
      ArrayNode diffIds = rootfs.putArray("diff_ids");
      layers.forEach(l -> diffIds.add(l.diffId()));
      Blob configBlob = writeBlob(OCI_CONFIG, JSON.writeValueAsBytes(config));

      ObjectNode manifest = JSON.createObjectNode();
      manifest.put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
      manifest.set("config", descriptor(configBlob));
      ArrayNode layerNodes = manifest.putArray("layers");
      layers.forEach(l -> layerNodes.add(descriptor(l.blob())));
      byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
      Blob manifestBlob = writeBlob(OCI_MANIFEST, manifestBytes);

      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      ObjectNode entry = descriptor(manifestBlob);
      entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
      index.putArray("manifests").add(entry);
      Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return new OciLayout.Image(
          manifestBlob.digest(),
          OCI_MANIFEST,
          manifestBytes,
          configBlob.digest(),
          layers.stream().map(l -> l.blob().digest()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Blob writeBlob(String mediaType, byte[] bytes) throws IOException {
    String digest = "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    Files.write(blobPath(digest), bytes);
    return new Blob(mediaType, digest, bytes.length);
  }

  private Path blobPath(String digest) {
    return dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  private static ObjectNode descriptor(Blob blob) {
    ObjectNode node = JSON.createObjectNode();
    node.put("mediaType", blob.mediaType()).put("digest", blob.digest()).put("size", blob.size());
    return node;
  }

  /** ustar header, then the file's bytes, then zero padding to a 512-byte boundary. */
  private static void writeTarEntry(OutputStream out, RandomFile f) throws IOException {
    byte[] header = new byte[512];
    put(header, 0, 100, f.name());
    put(header, 100, 8, "0000644");
    put(header, 108, 8, "0000000");
    put(header, 116, 8, "0000000");
    put(header, 124, 12, String.format("%011o", f.size()));
    put(header, 136, 12, String.format("%011o", 1_700_000_000L)); // fixed mtime: reproducible
    Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, 6, "ustar");
    put(header, 263, 2, "00");
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, 7, String.format("%06o", sum));
    out.write(header);
    writeRandom(out, f.size(), f.seed());
    int pad = (int) ((512 - f.size() % 512) % 512);
    out.write(new byte[pad]);
  }

  /** Streams {@code size} bytes of xorshift-quality PRNG output; same seed, same bytes. */
  static void writeRandom(OutputStream out, long size, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[BUFFER];
    long left = size;
    while (left > 0) {
      for (int i = 0; i < buffer.length; i += 8) {
        long v = random.nextLong();
        for (int j = 0; j < 8; j++) {
          buffer[i + j] = (byte) (v >>> (8 * j));
        }
      }
      int n = (int) Math.min(left, buffer.length);
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void put(byte[] header, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > length) {
      throw new IllegalArgumentException("tar field too long: " + value);
    }
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Gzip at BEST_SPEED: the data is incompressible, so a higher level only burns CPU. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, BUFFER);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
