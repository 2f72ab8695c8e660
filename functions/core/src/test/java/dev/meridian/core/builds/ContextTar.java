package dev.meridian.core.builds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * A build context as {@code tar czf - .} makes one: ustar entries (files only; the builder creates
 * parent directories), gzip-compressed. Paths ending in {@code .sh} get mode 0755, others 0644.
 */
public final class ContextTar {
  private static final int BLOCK = 512;

  private ContextTar() {}

  public static byte[] of(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
        byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
        gz.write(header("./" + f.getKey(), content.length, f.getKey().endsWith(".sh") ? 0755 : 0644,
            '0'));
        gz.write(content);
        gz.write(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
      }
      gz.write(new byte[2 * BLOCK]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A ustar header block; {@code name} at most 100 bytes (longer names need an extension). */
  static byte[] header(String name, long size, int mode, char type) {
    byte[] h = new byte[BLOCK];
    put(h, 0, name);
    put(h, 100, octal(mode, 7));
    put(h, 108, octal(0, 7));
    put(h, 116, octal(0, 7));
    put(h, 124, octal(size, 11));
    put(h, 136, octal(0, 11));
    h[156] = (byte) type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, octal(sum, 6));
    h[154] = 0;
    return h;
  }

  private static String octal(long value, int digits) {
    String s = Long.toOctalString(value);
    return "0".repeat(digits - s.length()) + s;
  }

  private static void put(byte[] h, int offset, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, b.length);
  }
}
