package dev.meridian.cli.layout;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.transfer.BlobContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content-addressed {@code blobs/<algorithm>/<hex>} directory (image-spec image-layout). A blob
 * is written to a temp file, checked against its digest and size, then moved into place: a
 * reader never sees a partial or wrong blob.
 */
final class Blobs {

  private final Path root;

  Blobs(Path root) {
    this.root = root;
  }

  Path path(String digest) {
    int colon = digest.indexOf(':');
    String algorithm = digest.substring(0, colon);
    String hex = digest.substring(colon + 1);
    if (!algorithm.matches("[a-z0-9]+") || !hex.matches("[a-zA-Z0-9=_-]+")) {
      throw CliException.invalid("bad digest " + digest);
    }
    return root.resolve("blobs").resolve(algorithm).resolve(hex);
  }

  boolean has(Descriptor blob) {
    Path p = path(blob.digest());
    try {
      return Files.isRegularFile(p) && Files.size(p) == blob.size();
    } catch (IOException e) {
      return false;
    }
  }

  void write(Descriptor blob, BlobContent content, dev.meridian.cli.transfer.Progress.Tracker progress) {
    Path target = path(blob.digest());
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".partial-", "");
      MessageDigest digest = digestFor(blob.digest());
      long size = 0;
      // One pass: each buffer is hashed and written as it arrives (a 1 MiB buffer; the JDK's
      // SHA-256 runs on the CPU's SHA instructions once C2 compiles it).
      try (InputStream in = content.open();
          FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        byte[] buffer = new byte[(int) Math.min(1 << 20, Math.max(1, blob.size()))];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        int n;
        while ((n = in.read(buffer)) > 0) {
          digest.update(buffer, 0, n);
          wrapped.clear().limit(n);
          while (wrapped.hasRemaining()) {
            out.write(wrapped);
          }
          size += n;
          progress.add(n);
        }
      }
      String got = blob.digest().substring(0, blob.digest().indexOf(':') + 1) + HexFormat.of().formatHex(digest.digest());
      if (!got.equals(blob.digest()) || size != blob.size()) {
        Files.deleteIfExists(tmp);
        throw CliException.invalid("blob " + blob.digest() + " arrived as " + got + " (" + size + " bytes)");
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw CliException.io("writing " + target + ": " + e.getMessage());
    }
  }

  void writeBytes(String digest, byte[] bytes) {
    Path target = path(digest);
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
    } catch (IOException e) {
      throw CliException.io("writing " + target + ": " + e.getMessage());
    }
  }

  byte[] read(String digest) {
    try {
      return Files.readAllBytes(path(digest));
    } catch (IOException e) {
      throw CliException.invalid("layout has no blob " + digest + " (" + e.getMessage() + ")");
    }
  }

  BlobContent content(String digest) {
    return BlobContent.ofFile(path(digest));
  }

  private static MessageDigest digestFor(String digest) {
    String algorithm = switch (digest.substring(0, digest.indexOf(':'))) {
      case "sha256" -> "SHA-256";
      case "sha512" -> "SHA-512";
      default -> throw CliException.invalid("unsupported digest algorithm in " + digest);
    };
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
