package dev.meridian.cli.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One blocking HTTP/1.1 exchange per connection for the bytes of blobs: a layer's {@code PATCH},
 * a direct upload's part {@code PUT}, a blob's {@code GET} from the registry or storage.
 *
 * <p>Why not {@code java.net.http}: measured, it spent ~1.4 CPU s of a 273 MiB push or pull in its
 * selector and worker threads (16 KiB heap buffers handed between threads per read;
 * docs/benchmarks.md "Where the CLI's time went"). Here the thread that reads the file writes the
 * socket: over plain HTTP a file region goes with {@link FileChannel#transferTo} (sendfile, no
 * copy through the JVM), over TLS through one 1 MiB buffer; a response body is read by the
 * caller's thread straight from the socket. {@code HttpURLConnection} cannot send {@code PATCH}.
 *
 * <p>Each exchange opens its own connection and closes it when its body is read ({@code
 * Connection: close}): a blob costs one or a few of them, and no pool means no half-read
 * connection reused by mistake. Auth, redirects and retries stay with the callers, which know
 * which headers each hop may carry.
 */
public final class BulkHttp {

  private static final int CONNECT_TIMEOUT_MS = 15_000;
  /** Per read: storage or a registry that stalls this long on one read is treated as gone. */
  private static final int READ_TIMEOUT_MS = 10 * 60_000;
  private static final int BUFFER = 1 << 20;
  /** sendfile in steps of this size, so progress moves and a stalled peer is noticed per step. */
  private static final long TRANSFER_STEP = 8L << 20;

  private BulkHttp() {}

  /** What a request sends: nothing, a region of a file, or a stream's next {@code length} bytes. */
  public sealed interface Body {
    long length();

    record None() implements Body {
      @Override
      public long length() {
        return 0;
      }
    }

    record FileRegion(FileChannel file, long offset, long length) implements Body {}

    record Stream(InputStream in, long length) implements Body {}
  }

  public static final Body NO_BODY = new Body.None();

  /** An answer whose body is read from the open connection; closing it closes the connection. */
  public record Response(int status, Map<String, String> headers, InputStream body, URI uri) implements AutoCloseable {
    /** A header by name, any case (stored lower-case). */
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The body as text, at most 64 KiB (error answers), closing the connection. */
    public String text() {
      try (InputStream in = body) {
        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException ignored) {
        // the connection is dropped either way
      }
    }
  }

  /**
   * Sends one request and reads the answer's status and headers. {@code sent} is told each step
   * of the body written (progress). The caller reads or closes the answer's body.
   */
  public static Response exchange(String method, URI uri, Map<String, String> headers, Body body, LongConsumer sent)
      throws IOException {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
    Socket socket;
    SocketChannel channel = null;
    if (tls) {
      Socket tcp = new Socket();
      try {
        tcp.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
        // layered with the host named: SNI, and the certificate checked against that name
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(tcp, uri.getHost(), port, true);
        javax.net.ssl.SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        socket = ssl;
      } catch (IOException | RuntimeException e) {
        tcp.close();
        throw e;
      }
    } else {
      channel = SocketChannel.open();
      socket = channel.socket();
      socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
    }
    try {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(head(method, uri, headers, body).getBytes(StandardCharsets.ISO_8859_1));
      if (channel == null || !(body instanceof Body.FileRegion)) {
        out.flush();
      }
      writeBody(body, channel, out, sent);
      out.flush();
      BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      return ResponseReader.read(in, method, uri, socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static String head(String method, URI uri, Map<String, String> headers, Body body) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path);
    if (uri.getRawQuery() != null) {
      head.append('?').append(uri.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(uri.getRawAuthority().replaceFirst("^[^@]*@", ""))
        .append("\r\nConnection: close\r\nUser-Agent: meridian-cli\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (!(body instanceof Body.None) || method.equals("PUT") || method.equals("PATCH") || method.equals("POST")) {
      head.append("Content-Length: ").append(body.length()).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  private static void writeBody(Body body, SocketChannel channel, OutputStream out, LongConsumer sent)
      throws IOException {
    if (body instanceof Body.FileRegion region && channel != null) {
      long done = 0;
      while (done < region.length()) {
        long step = Math.min(TRANSFER_STEP, region.length() - done);
        long n = region.file().transferTo(region.offset() + done, step, channel);
        if (n <= 0) {
          throw new IOException("file ended at " + (region.offset() + done) + ", before the blob's size");
        }
        done += n;
        sent.accept(n);
      }
      return;
    }
    if (body instanceof Body.None) {
      return;
    }
    byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, body.length()))];
    long done = 0;
    while (done < body.length()) {
      int want = (int) Math.min(buffer.length, body.length() - done);
      // positional reads: parts of one file may be sent from several threads at once
      int n = body instanceof Body.FileRegion region
          ? region.file().read(ByteBuffer.wrap(buffer, 0, want), region.offset() + done)
          : ((Body.Stream) body).in().read(buffer, 0, want);
      if (n < 0) {
        throw new IOException("source ended " + (body.length() - done) + " bytes before the blob's size");
      }
      out.write(buffer, 0, n);
      done += n;
      sent.accept(n);
    }
  }

  static IOException closed(URI uri) {
    return new IOException("connection to " + uri.getHost() + " closed before an answer");
  }
}
