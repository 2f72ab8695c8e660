package dev.meridian.cli.layout;

import dev.meridian.cli.error.CliException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The tar subset image archives use (POSIX ustar, GNU long names, pax {@code path}): regular files
 * and directories only. Extraction refuses absolute names and {@code ..} (an archive may not write
 * outside its directory). Sizes past 8 GiB use GNU base-256, as docker and skopeo write them.
 */
public final class Tar {

  private static final int BLOCK = 512;

  private Tar() {}

  /** Extracts {@code archive} (plain or gzip) into {@code dir}. */
  public static void extract(Path archive, Path dir) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      extract(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, dir);
    }
  }

  static void extract(InputStream in, Path dir) throws IOException {
    byte[] header = new byte[BLOCK];
    String longName = null;
    while (true) {
      if (in.readNBytes(header, 0, BLOCK) < BLOCK || isZero(header)) {
        return;
      }
      long size = number(header, 124, 12);
      char type = (char) header[156];
      String name = longName != null ? longName : name(header);
      longName = null;
      if (type == 'L' || type == 'x') { // GNU long name / pax extended header for the next entry
        byte[] data = in.readNBytes((int) size);
        skip(in, padding(size));
        longName = type == 'L' ? new String(data, StandardCharsets.UTF_8).replace("\0", "") : paxPath(data);
        continue;
      }
      if (type == '5') {
        Files.createDirectories(safe(dir, name));
      } else if (type == '0' || type == '\0' || type == '7') {
        Path target = safe(dir, name);
        Files.createDirectories(target.getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
          copy(in, out, size);
        }
      } else {
        skip(in, size); // links, devices: not part of an image archive's own files
      }
      skip(in, padding(size));
    }
  }

  /** Writes {@code files} (paths relative to {@code dir}) as an uncompressed tar. */
  public static void write(Path dir, List<String> files, Path archive) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)) {
      write(dir, files, out);
    }
  }

  /** The same to a stream (e.g. a gzip one); the stream is left open. */
  public static void write(Path dir, List<String> files, OutputStream out) throws IOException {
    for (String file : files) {
      Path source = dir.resolve(file);
      long size = Files.size(source);
      byte[] name = file.getBytes(StandardCharsets.UTF_8);
      if (name.length > 100) { // GNU long name: an 'L' entry holding the name, then the file
        out.write(header("././@LongLink", name.length + 1, 'L', false));
        out.write(name);
        out.write(new byte[1 + (int) padding(name.length + 1)]); // its NUL, then the padding
      }
      out.write(header(file, size, '0', Files.isExecutable(source))); // the name cut to 100 bytes
      try (InputStream in = Files.newInputStream(source)) {
        in.transferTo(out);
      }
      out.write(new byte[(int) padding(size)]);
    }
    out.write(new byte[2 * BLOCK]);
  }

  /** Writes the tar next to {@code target}, then moves it over it: never half an archive. */
  public static void writeReplacing(Path dir, List<String> files, Path target) throws IOException {
    Path tmp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".partial");
    write(dir, files, tmp);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static byte[] header(String name, long size, char type, boolean executable) {
    byte[] h = new byte[BLOCK];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
    put(h, 100, executable ? "0000755" : "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    if (size < 077777777777L) {
      put(h, 124, String.format("%011o", size));
    } else { // GNU base-256
      h[124] = (byte) 0x80;
      for (int i = 0; i < 8; i++) {
        h[135 - i] = (byte) (size >>> (8 * i));
      }
    }
    put(h, 136, String.format("%011o", 0L)); // mtime 0: reproducible archives
    Arrays.fill(h, 148, 156, (byte) ' ');
    h[156] = (byte) type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    return h;
  }

  private static Path safe(Path dir, String name) {
    String clean = name.startsWith("./") ? name.substring(2) : name;
    Path target = dir.resolve(clean).normalize();
    if (clean.startsWith("/") || !target.startsWith(dir.normalize())) {
      throw CliException.invalid("archive entry '" + name + "' points outside the archive");
    }
    return target;
  }

  private static String name(byte[] h) {
    String name = text(h, 0, 100);
    String prefix = text(h, 345, 155);
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String paxPath(byte[] data) {
    for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static long number(byte[] h, int offset, int length) {
    if ((h[offset] & 0x80) != 0) {
      long v = 0;
      for (int i = offset + 1; i < offset + length; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    String s = text(h, offset, length).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  private static String text(byte[] h, int offset, int length) {
    int end = offset;
    while (end < offset + length && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static void put(byte[] h, int offset, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, b.length);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("archive ends inside an entry");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    in.skipNBytes(n);
  }
}
