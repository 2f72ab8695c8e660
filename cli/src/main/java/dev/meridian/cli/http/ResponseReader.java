package dev.meridian.cli.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTTP/1.1 answer for {@link BulkHttp} (RFC 9112): the status line, the header fields
 * (names lower-cased, repeated ones joined with ", "), and a body framed by {@code Content-Length},
 * {@code chunked} transfer coding, or the connection's close. A {@code 100 Continue} is skipped.
 */
final class ResponseReader {

  private static final int MAX_LINE = 64 * 1024;

  private ResponseReader() {}

  static BulkHttp.Response read(InputStream in, String method, URI uri, Socket socket) throws IOException {
    while (true) {
      String status = line(in, uri);
      if (!status.startsWith("HTTP/1.") || status.length() < 12) {
        throw new IOException(uri.getHost() + " answered no HTTP/1.1 status line: " + status);
      }
      int code = Integer.parseInt(status.substring(9, 12));
      Map<String, String> headers = new HashMap<>();
      for (String field = line(in, uri); !field.isEmpty(); field = line(in, uri)) {
        int colon = field.indexOf(':');
        if (colon > 0) {
          headers.merge(field.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              field.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
      }
      if (code == 100) {
        continue;
      }
      return new BulkHttp.Response(code, Map.copyOf(headers), body(in, method, code, headers, socket), uri);
    }
  }

  private static InputStream body(InputStream in, String method, int code, Map<String, String> headers,
      Socket socket) throws IOException {
    InputStream framed;
    String length = headers.get("content-length");
    if (method.equals("HEAD") || code == 204 || code == 304) {
      framed = InputStream.nullInputStream();
    } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
      framed = new Chunked(in);
    } else if (length != null) {
      framed = new Bounded(in, Long.parseLong(length.trim()));
    } else {
      framed = in; // until the server closes
    }
    return new FilterInputStream(framed) {
      @Override
      public void close() throws IOException {
        socket.close();
      }
    };
  }

  static String line(InputStream in, URI uri) throws IOException {
    StringBuilder line = new StringBuilder(64);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw BulkHttp.closed(uri);
      }
      if (b != '\r') {
        line.append((char) b);
      }
      if (line.length() > MAX_LINE) {
        throw new IOException(uri.getHost() + " sent a header line over " + MAX_LINE + " bytes");
      }
    }
    return line.toString();
  }

  /** A framed body: the single-byte read goes through the framing of the array read. */
  private abstract static class Framed extends FilterInputStream {
    Framed(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
  }

  /** Exactly {@code left} bytes; fewer before the close is an error, not a short blob. */
  private static final class Bounded extends Framed {
    private long left;

    Bounded(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new IOException("connection closed " + left + " bytes before the end of the body");
      }
      left -= n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), left);
    }
  }

  /** {@code chunked}: hex size line, bytes, CRLF; a zero size and the trailer end it. */
  private static final class Chunked extends Framed {
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line(in, null).trim();
        int semicolon = size.indexOf(';');
        left = Long.parseLong(semicolon < 0 ? size : size.substring(0, semicolon), 16);
        if (left == 0) {
          while (!line(in, null).isEmpty()) {
            // trailer fields: none are used
          }
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new IOException("connection closed inside a chunk");
      }
      left -= n;
      if (left == 0) {
        line(in, null); // the CRLF after the chunk
      }
      return n;
    }

    @Override
    public int available() {
      return 0;
    }
  }
}
