package dev.meridian.local.runtime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails once it is behind its deadline: {@link BodyLimits#grace} after the
 * first read, plus one second per {@link BodyLimits#minRate} bytes received. Checked each time a
 * read returns, so a client trickling bytes is cut off at its next byte after the deadline (and
 * one sending nothing by Jetty's idle timeout). Once failed, every later read fails too, so
 * nothing drains the rest of a slow body.
 */
final class BodyDeadline extends FilterInputStream {

  /** What the function's read sees when the body is too slow. */
  static final class TooSlowException extends IOException {
    TooSlowException(String message) {
      super(message);
    }
  }

  private final long graceNanos;
  private final long minRate;
  private long started;
  private long received;
  private boolean expired;

  BodyDeadline(InputStream body, BodyLimits limits) {
    super(body);
    this.graceNanos = limits.grace().toNanos();
    this.minRate = limits.minRate();
  }

  /** True once a read found the body behind its deadline. */
  boolean expired() {
    return expired;
  }

  @Override
  public int read() throws IOException {
    check();
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    check();
    int n = super.read(buffer, offset, length);
    if (n > 0) { // the end of a body is never late: it is all there
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    check();
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  private void check() throws TooSlowException {
    if (started == 0) {
      started = System.nanoTime();
    }
    if (expired) {
      throw tooSlow();
    }
  }

  private void count(long n) throws TooSlowException {
    received += n;
    double allowed = graceNanos + (double) received / minRate * 1e9;
    if (System.nanoTime() - started > allowed) {
      expired = true;
      throw tooSlow();
    }
  }

  private TooSlowException tooSlow() {
    return new TooSlowException("request body slower than " + minRate + " bytes a second");
  }
}
