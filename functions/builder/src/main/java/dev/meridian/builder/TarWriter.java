package dev.meridian.builder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Writes a reproducible POSIX tar: ustar headers, with a pax extended header only when a value
 * does not fit (long paths or link targets, sizes of 8 GiB and more, large ids). Every header has
 * the same mtime and no user or group names, so equal trees give equal bytes (the property
 * {@code diff_ids} in the image config rely on).
 */
final class TarWriter {
  private static final int BLOCK = 512;
  private static final long MAX_OCTAL_11 = 077777777777L;
  private static final long MAX_OCTAL_7 = 07777777L;
  private final OutputStream out;
  private final long mtime;

  TarWriter(OutputStream out, long mtimeSeconds) {
    this.out = out;
    this.mtime = mtimeSeconds;
  }

  void write(String path, FileNode node) throws IOException {
    String name = node.isDir() ? path + "/" : path;
    char type = switch (node.type()) {
      case FILE -> '0';
      case DIR -> '5';
      case SYMLINK -> '2';
    };
    long size = node.type() == FileNode.Type.FILE ? node.size() : 0;
    StringBuilder pax = new StringBuilder();
    if (name.getBytes(StandardCharsets.UTF_8).length > 100 || !isAscii(name)) {
      pax.append(record("path", name));
    }
    if (node.linkTarget().getBytes(StandardCharsets.UTF_8).length > 100
        || !isAscii(node.linkTarget())) {
      pax.append(record("linkpath", node.linkTarget()));
    }
    if (size > MAX_OCTAL_11) {
      pax.append(record("size", Long.toString(size)));
    }
    if (node.uid() > MAX_OCTAL_7 || node.uid() < 0) {
      pax.append(record("uid", Integer.toUnsignedString(node.uid())));
    }
    if (node.gid() > MAX_OCTAL_7 || node.gid() < 0) {
      pax.append(record("gid", Integer.toUnsignedString(node.gid())));
    }
    if (pax.length() > 0) {
      byte[] data = pax.toString().getBytes(StandardCharsets.UTF_8);
      out.write(header(truncate("PaxHeaders/" + TreePaths.name(path)), 'x', 0644, 0, 0,
          data.length, ""));
      out.write(data);
      pad(data.length);
    }
    out.write(header(truncate(name), type, node.mode(), node.uid(), node.gid(), size,
        truncate(node.linkTarget())));
    if (size > 0) {
      try (InputStream in = Files.newInputStream(node.content())) {
        long copied = in.transferTo(out);
        if (copied != size) {
          throw new IOException(path + " changed size while being written");
        }
      }
      pad(size);
    }
  }

  /** The end-of-archive marker: two zero blocks. */
  void finish() throws IOException {
    out.write(new byte[BLOCK * 2]);
  }

  private byte[] header(String name, char type, int mode, int uid, int gid, long size,
      String link) {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, Math.min(Integer.toUnsignedLong(uid), MAX_OCTAL_7));
    octal(h, 116, 8, Math.min(Integer.toUnsignedLong(gid), MAX_OCTAL_7));
    octal(h, 124, 12, Math.min(size, MAX_OCTAL_11));
    octal(h, 136, 12, mtime);
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar\0");
    put(h, 263, 2, "00");
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    String checksum = String.format("%06o", sum);
    put(h, 148, 6, checksum);
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private void pad(long size) throws IOException {
    int rest = (int) ((BLOCK - size % BLOCK) % BLOCK);
    if (rest > 0) {
      out.write(new byte[rest]);
    }
  }

  /** A pax record, {@code "<len> key=value\n"}, whose length counts its own digits. */
  private static String record(String key, String value) {
    int base = key.getBytes(StandardCharsets.UTF_8).length
        + value.getBytes(StandardCharsets.UTF_8).length + 3;
    int length = base + Integer.toString(base).length();
    if (Integer.toString(length).length() != Integer.toString(base).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, h, off, Math.min(len, bytes.length));
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
    put(h, off, len - 1, padded);
    h[off + len - 1] = 0;
  }

  private static String truncate(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 100 && isAscii(s)) {
      return s;
    }
    StringBuilder ascii = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (ascii.length() == 100) {
        break;
      }
      ascii.append(c < 128 ? c : '_');
    }
    return ascii.toString();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }
}
