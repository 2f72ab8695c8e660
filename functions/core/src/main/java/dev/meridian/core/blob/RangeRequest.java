package dev.meridian.core.blob;

import java.util.Locale;

/**
 * Parses the {@code Range} header of a blob GET (RFC 9110 §14.1.1, §14.2) against the blob's size.
 *
 * <p>Decisions, all from RFC 9110: a header we cannot parse, another unit, an invalid spec
 * ({@code last < first}) or several ranges is ignored and the whole blob is served (§14.2 lets a
 * server ignore {@code Range}; distribution does not serve multipart/byteranges either). A
 * syntactically valid single range that starts at or beyond the end, or a zero-length suffix, is
 * unsatisfiable (416, §15.5.17). Numbers too large for a {@code long} saturate, so
 * {@code bytes=99999999999999999999-} is unsatisfiable rather than ignored.
 */
public final class RangeRequest {

  /** What to serve. */
  public sealed interface Result permits Whole, Partial, Unsatisfiable {}

  /** Serve the whole blob with 200. */
  public record Whole() implements Result {}

  /** Serve {@code range} with 206. */
  public record Partial(ByteRange range) implements Result {}

  /** Answer 416 with {@code Content-Range: bytes *&#47;size}. */
  public record Unsatisfiable() implements Result {}

  private static final int MAX_DIGITS = 18;

  private RangeRequest() {}

  public static Result parse(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String value = header.trim();
    int eq = value.indexOf('=');
    if (eq < 0 || !value.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
      return new Whole();
    }
    String spec = value.substring(eq + 1).trim();
    if (spec.indexOf(',') >= 0) {
      return new Whole();
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    String from = spec.substring(0, dash).trim();
    String to = spec.substring(dash + 1).trim();
    if (from.isEmpty()) {
      return suffix(to, size);
    }
    long first = number(from);
    long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
    if (first < 0 || last < 0 || last < first) {
      return new Whole();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    return new Partial(new ByteRange(first, Math.min(last, size - 1)));
  }

  /** {@code -n}: the last n bytes (§14.1.2, suffix-range). */
  private static Result suffix(String digits, long size) {
    long n = number(digits);
    if (n < 0) {
      return new Whole();
    }
    if (n == 0 || size == 0) {
      return new Unsatisfiable();
    }
    return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
  }

  /** Non-negative decimal, saturating at {@code Long.MAX_VALUE}; -1 when not all digits. */
  private static long number(String digits) {
    if (digits.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    return trimmed.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(trimmed);
  }
}
