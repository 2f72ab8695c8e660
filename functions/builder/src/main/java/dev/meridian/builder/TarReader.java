package dev.meridian.builder;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams a tar archive (POSIX.1-2001 pax, ustar, and GNU {@code L}/{@code K} long names, which
 * image layers use). {@link #next()} skips what the caller did not read of the previous entry, so
 * only one 512-byte block is ever buffered.
 *
 * <p>Every header goes through a {@link BudgetMeter} before any content is read: a hostile
 * archive (millions of entries, a gzip bomb of zeros, endless extension headers) is stopped while
 * it is being read, not after it was extracted. Extension headers ({@code x}, {@code g}, {@code
 * L}, {@code K}) before one entry are bounded too: at most {@value #MAX_EXTENSIONS} of them and
 * {@value #MAX_EXTENSION_BYTES} bytes (real archives have one or two, of a few hundred bytes).
 */
final class TarReader {
  private static final int BLOCK = 512;
  static final int MAX_EXTENSIONS = 8;
  static final int MAX_EXTENSION_BYTES = 1024 * 1024;
  private final InputStream in;
  private final BudgetMeter meter;
  private final String source;
  private long remaining;
  private long padding;

  /** An unmetered reader, for probes that read a header or two. */
  TarReader(InputStream in) {
    this(in, BudgetMeter.unlimited(), "the archive");
  }

  /** @param source what is read, for budget messages, e.g. "the context" */
  TarReader(InputStream in, BudgetMeter meter, String source) {
    this.in = in;
    this.meter = meter;
    this.source = source;
  }

  /** The next entry, or null at the end of the archive. */
  TarEntry next() throws IOException {
    Map<String, String> pax = new HashMap<>();
    String longName = null;
    String longLink = null;
    int extensions = 0;
    long extensionBytes = 0;
    while (true) {
      meter.checkStopped();
      skip(remaining + padding);
      remaining = 0;
      padding = 0;
      byte[] header = new byte[BLOCK];
      if (!readBlock(header) || isZero(header)) {
        return null;
      }
      verifyChecksum(header);
      char type = (char) header[156];
      long size = number(header, 124, 12);
      if (type == 'x' || type == 'L' || type == 'K' || type == 'g') {
        extensionBytes += size;
        if (++extensions > MAX_EXTENSIONS || extensionBytes > MAX_EXTENSION_BYTES) {
          throw new IOException("malformed tar archive: more than " + MAX_EXTENSIONS
              + " extension headers or " + MAX_EXTENSION_BYTES + " bytes of them before an entry");
        }
        meter.unpacked(source, size);
        byte[] data = readData(size);
        if (type == 'x') {
          pax.putAll(paxRecords(data));
        } else if (type == 'L') {
          longName = cString(data, 0, data.length);
        } else if (type == 'K') {
          longLink = cString(data, 0, data.length);
        }
        continue; // 'g' (global pax) carries nothing a layer needs
      }
      String name = cString(header, 0, 100);
      String prefix = cString(header, 345, 155);
      if (!prefix.isEmpty() && isUstar(header)) {
        name = prefix + "/" + name;
      }
      name = pax.getOrDefault("path", longName == null ? name : longName);
      String link = pax.getOrDefault("linkpath",
          longLink == null ? cString(header, 157, 100) : longLink);
      size = pax.containsKey("size") ? paxNumber(pax.get("size")) : size;
      if (size < 0) {
        throw new IOException("malformed tar archive: negative size");
      }
      int uid = pax.containsKey("uid") ? (int) paxNumber(pax.get("uid"))
          : (int) number(header, 108, 8);
      int gid = pax.containsKey("gid") ? (int) paxNumber(pax.get("gid"))
          : (int) number(header, 116, 8);
      int mode = (int) number(header, 100, 8);
      boolean hasData = type != '1' && type != '2' && type != '5' && type != '3' && type != '4'
          && type != '6';
      String clean = TreePaths.clean(name);
      meter.entry(source, name, clean, link, hasData ? size : 0);
      remaining = hasData ? size : 0;
      padding = hasData ? (BLOCK - size % BLOCK) % BLOCK : 0;
      return new TarEntry(clean, type, mode, uid, gid, hasData ? size : 0, link);
    }
  }

  /** The current entry's content; reading past its size returns end of stream. */
  InputStream content() {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int b = in.read();
        if (b >= 0) {
          remaining--;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        meter.checkStopped();
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
          remaining -= n;
        }
        return n;
      }

      @Override
      public void close() {}
    };
  }

  private byte[] readData(long size) throws IOException {
    if (size > 1024 * 1024) {
      throw new IOException("tar extension header too large: " + size);
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new EOFException("truncated tar archive");
    }
    remaining = 0;
    padding = (BLOCK - size % BLOCK) % BLOCK;
    return data;
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      meter.checkStopped();
      long skipped = in.skip(Math.min(n, 1024 * 1024)); // checks stay frequent
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("truncated tar archive");
        }
        skipped = 1;
      }
      n -= skipped;
    }
  }

  private boolean readBlock(byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false; // some writers omit the two zero blocks
    }
    if (n < BLOCK) {
      throw new EOFException("truncated tar header");
    }
    return true;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUstar(byte[] header) {
    return header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
        && header[261] == 'r' && header[262] == 0;
  }

  private static void verifyChecksum(byte[] header) throws IOException {
    long expected = number(header, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
    }
    if (sum != expected) {
      throw new IOException("not a tar archive (bad header checksum)");
    }
  }

  /** A pax record's decimal number; a malformed one makes the archive malformed, not a crash. */
  private static long paxNumber(String value) throws IOException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IOException("malformed tar archive: bad pax number '" + value + "'");
    }
  }

  /** Octal, NUL/space padded; or GNU base-256 when the first byte's high bit is set. */
  static long number(byte[] b, int off, int len) throws IOException {
    if ((b[off] & 0x80) != 0) {
      long v = b[off] & 0x3f;
      for (int i = 1; i < len; i++) {
        v = (v << 8) | (b[off + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    boolean any = false;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c == 0 || (c == ' ' && any)) {
        break;
      }
      if (c == ' ') {
        continue;
      }
      if (c < '0' || c > '7') {
        throw new IOException("bad octal number in tar header");
      }
      v = v * 8 + (c - '0');
      any = true;
    }
    return v;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** pax records: {@code "<length> <key>=<value>\n"}, the length counting the whole record. */
  private static Map<String, String> paxRecords(byte[] data) throws IOException {
    Map<String, String> records = new HashMap<>();
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      if (space >= data.length) {
        break;
      }
      long length = paxNumber(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      if (length <= space - pos + 1 || pos + length > data.length) {
        throw new IOException("bad pax record");
      }
      String record = new String(data, space + 1, (int) (pos + length - space - 2),
          StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        records.put(record.substring(0, eq), record.substring(eq + 1));
      }
      pos += (int) length;
    }
    return records;
  }
}
