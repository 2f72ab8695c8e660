package dev.meridian.core.blob;

/**
 * An inclusive byte range {@code [first, last]} of a blob, as RFC 9110 §14.1.2 writes ranges.
 * Always satisfiable by construction: {@code 0 <= first <= last}.
 */
public record ByteRange(long first, long last) {

  public ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("invalid range " + first + "-" + last);
    }
  }

  public long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value of a 206 answer (RFC 9110 §14.4): {@code bytes a-b/size}. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }
}
