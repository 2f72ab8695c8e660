package dev.meridian.builder;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Hex;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;

/**
 * A layer written by this build: a gzip-compressed tar in a temp file, its digest and size (what
 * the manifest's descriptor names) and its {@code diff_id} (the digest of the uncompressed tar,
 * image-spec config.md "rootfs"). Entries are written in path order with mtime 0, so the same
 * tree always gives the same {@code diff_id}; the gzip bytes also repeat on the same JDK (its
 * deflater is deterministic and its gzip header carries no time).
 */
record LayerFile(Path file, Digest digest, long size, Digest diffId, int entries) {

  static LayerFile write(SortedMap<String, FileNode> entries, Path target) throws IOException {
    MessageDigest compressed = sha256();
    MessageDigest uncompressed = sha256();
    CountingOutputStream counted;
    try (OutputStream file = Files.newOutputStream(target)) {
      counted = new CountingOutputStream(new DigestOutputStream(file, compressed));
      GZIPOutputStream gzip = new GZIPOutputStream(counted, 64 * 1024);
      OutputStream tar = new BufferedOutputStream(new DigestOutputStream(gzip, uncompressed),
          64 * 1024);
      TarWriter writer = new TarWriter(tar, 0);
      for (Map.Entry<String, FileNode> e : entries.entrySet()) {
        writer.write(e.getKey(), e.getValue());
      }
      writer.finish();
      tar.flush();
      gzip.finish();
      counted.flush();
    }
    return new LayerFile(target, new Digest(Digest.SHA256, Hex.encode(compressed.digest())),
        counted.count, new Digest(Digest.SHA256, Hex.encode(uncompressed.digest())),
        entries.size());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
