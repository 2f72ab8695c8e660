package dev.meridian.core.builds;

import dev.meridian.core.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An uploaded build context, streamed to a temp file while it is hashed, at most {@code max}
 * bytes (reading stops at max + 1): concurrent uploads cost disk, not heap, and none is kept whole
 * in memory. {@link #close} deletes the file.
 */
final class ContextUpload implements AutoCloseable {
  private final Path file;
  private final Digest digest;
  private final long size;

  private ContextUpload(Path file, Digest digest, long size) {
    this.file = file;
    this.digest = digest;
    this.size = size;
  }

  /** @throws IllegalArgumentException when the body is over {@code max} bytes or unreadable */
  static ContextUpload read(InputStream body, long max) {
    Path file;
    try {
      file = Files.createTempFile("meridian-upload-", ".tar.gz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long size;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
        size = body.transferTo(new LimitedOutput(out, max));
      }
      return new ContextUpload(file, Digest.sha256(sha256.digest()), size);
    } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
      delete(file);
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("cannot read request body: " + e.getMessage());
    }
  }

  Digest digest() {
    return digest;
  }

  long size() {
    return size;
  }

  InputStream open() throws IOException {
    return Files.newInputStream(file);
  }

  @Override
  public void close() {
    delete(file);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file left in java.io.tmpdir; the OS cleans it
    }
  }

  /** Refuses the byte past {@code max}: the body is invalid input, as AdminRoutes.readBody says. */
  private static final class LimitedOutput extends OutputStream {
    private final OutputStream out;
    private final long max;
    private long written;

    LimitedOutput(OutputStream out, long max) {
      this.out = out;
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      written += len;
      if (written > max) {
        throw new IllegalArgumentException("request body over " + max + " bytes");
      }
      out.write(b, off, len);
    }
  }
}
