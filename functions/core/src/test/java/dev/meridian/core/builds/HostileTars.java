package dev.meridian.core.builds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile build contexts, generated as a stream straight into gzip: a small
 * tar.gz that unpacks to very many entries, a very large file of zeros, a very deep or very long
 * path, or endless extension headers. Each starts with a one-line Dockerfile, as a real context
 * would.
 */
public final class HostileTars {
  private static final int BLOCK = 512;
  private static final byte[] DOCKERFILE = "FROM scratch\nCOPY . /\n"
      .getBytes(StandardCharsets.US_ASCII);

  private HostileTars() {}

  /** {@code count} empty files {@code f/<n>} (1.5 M of them made a 13 MiB context). */
  public static byte[] manyEmptyFiles(int count) {
    return write(out -> {
      for (int i = 0; i < count; i++) {
        out.write(ContextTar.header("f/" + i, 0, 0644, '0'));
      }
    });
  }

  /** One file {@code name} of {@code size} zero bytes: a gzip bomb (2 GiB packs to ~2 MiB). */
  public static byte[] zeros(String name, long size) {
    return write(out -> {
      out.write(ContextTar.header(name, size, 0644, '0'));
      byte[] chunk = new byte[64 * 1024];
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      pad(out, size);
    });
  }

  /** One empty file {@code depth} directories deep ({@code d/d/…/f}). */
  public static byte[] deepPath(int depth) {
    return longNamed("d/".repeat(depth) + "f");
  }

  /** One empty file whose path is {@code name}, written with a GNU long-name header. */
  public static byte[] longNamed(String name) {
    return extendedFile('L', "././@LongLink", name);
  }

  /** A pax header holding {@code record} as written, then one empty file. */
  public static byte[] paxRecord(String record) {
    return extendedFile('x', "PaxHeaders/f", record);
  }

  /** An extension header of {@code type} carrying {@code data}, then the empty file it extends. */
  private static byte[] extendedFile(char type, String name, String data) {
    return write(out -> {
      byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
      out.write(ContextTar.header(name, bytes.length, 0644, type));
      out.write(bytes);
      pad(out, bytes.length);
      out.write(ContextTar.header("f", 0, 0644, '0'));
    });
  }

  /** {@code count} empty global pax headers, then nothing: headers that never reach an entry. */
  public static byte[] extensionHeaders(int count) {
    return write(out -> {
      for (int i = 0; i < count; i++) {
        out.write(ContextTar.header("pax_global_header", 0, 0644, 'g'));
      }
    });
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
      gz.write(ContextTar.header("Dockerfile", DOCKERFILE.length, 0644, '0'));
      gz.write(DOCKERFILE);
      pad(gz, DOCKERFILE.length);
      body.write(gz);
      gz.write(new byte[2 * BLOCK]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void pad(OutputStream out, long size) throws IOException {
    out.write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
  }
}
