package dev.meridian.local.runtime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what a function left of a request body before the response goes out.
 *
 * <p>An early answer (416 for an out-of-order chunk, 404 for an unknown upload) comes before the
 * body was read. Answering and closing then resets the connection under a client that is still
 * sending: Java's HttpClient reported "fixed content-length: 114, bytes received: 0" instead of
 * the 416 and its OCI error body (curl, which waits for 100-continue, was unaffected). Draining
 * lets the client finish sending and read the answer. Past {@link #LIMIT} the server stops
 * reading and the connection is closed, rather than swallow a huge body for an error.
 */
final class RequestDrain {

  static final long LIMIT = 64L * 1024 * 1024;

  private RequestDrain() {}

  /** Reads and discards what is left of {@code body}, up to {@code limit} bytes. */
  static void drain(InputStream body, long limit) {
    long read = 0;
    try {
      if (limit <= 0 || body.read() < 0) {
        return; // nothing left, as for every GET: no buffer to allocate
      }
      read = 1;
      byte[] buffer = new byte[64 * 1024];
      int n;
      while (read < limit && (n = body.read(buffer, 0, (int) Math.min(buffer.length, limit - read))) >= 0) {
        read += n;
      }
    } catch (IOException e) {
      // The client went away; the response write will notice too.
    }
  }
}
