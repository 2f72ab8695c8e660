package dev.meridian.core.version;

import dev.meridian.core.naming.Seed;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The total order on changes (docs/architecture.md): hybrid-logical-clock milliseconds, then a
 * counter, then the origin region's seed; higher wins. The string form sorts the same way as the
 * record (fixed width numbers), so it can be a storage key suffix and a DynamoDB condition operand.
 */
public record Version(long millis, int counter, Seed originSeed) implements Comparable<Version> {

  /** Two fixed-width numbers and a seed; the seed's grammar is {@link Seed}'s. */
  private static final Pattern TEXT = Pattern.compile("(\\d{15})-(\\d{6})-(.*)");

  public Version {
    if (millis < 0 || counter < 0 || counter > 999_999 || originSeed == null) {
      throw new IllegalArgumentException("invalid version " + millis + "/" + counter + "/" + originSeed);
    }
  }

  public static Version parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches() || !Seed.isValid(m.group(3))) {
      throw new IllegalArgumentException("invalid version: " + text);
    }
    return new Version(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
        new Seed(m.group(3)));
  }

  @Override
  public int compareTo(Version o) {
    int c = Long.compare(millis, o.millis);
    if (c == 0) {
      c = Integer.compare(counter, o.counter);
    }
    return c != 0 ? c : originSeed.compareTo(o.originSeed);
  }

  public boolean isNewerThan(Version other) {
    return other == null || compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return String.format("%015d-%06d-%s", millis, counter, originSeed);
  }
}
