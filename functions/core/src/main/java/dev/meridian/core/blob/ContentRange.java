package dev.meridian.core.blob;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} of an upload chunk (distribution-spec "Pushing a blob in chunks"):
 * {@code <start>-<end>}, inclusive on both ends, matching {@code ^[0-9]+-[0-9]+$}.
 *
 * <p>Clients also send the RFC 9110 §14.4 form ({@code bytes 0-99/*}, {@code bytes=0-99}), so
 * a {@code bytes} prefix and a {@code /<total>} or {@code /*} suffix are accepted. Numbers of
 * more than 18 digits (beyond any blob this registry can hold) are refused as malformed, which
 * keeps {@code end - start + 1} from overflowing.
 */
public record ContentRange(long start, long end) {

  private static final Pattern FORM =
      Pattern.compile("(?:bytes[ =])?\\s*([0-9]{1,18})-([0-9]{1,18})(?:/(?:[0-9]{1,18}|\\*))?");

  public ContentRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid content range " + start + "-" + end);
    }
  }

  /** The range, or empty when {@code header} is malformed or {@code end < start}. */
  public static Optional<ContentRange> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(header.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long start = Long.parseLong(m.group(1));
    long end = Long.parseLong(m.group(2));
    return end < start ? Optional.empty() : Optional.of(new ContentRange(start, end));
  }

  public long length() {
    return end - start + 1;
  }
}
