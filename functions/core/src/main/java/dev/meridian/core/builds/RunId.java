package dev.meridian.core.builds;

import dev.meridian.core.naming.Base32;
import dev.meridian.core.naming.Seed;
import java.util.Objects;

/**
 * A build run's ID (docs/builds.md "Run IDs"): the seed of the region whose counter issued it, then
 * the sequence in base 32 without padding — {@code aa1}, {@code aa12}, {@code ab3f}. Sequences
 * start at 1, so an ID is at least three characters and never has a {@code 0} after the seed.
 */
public record RunId(Seed seed, long sequence) implements Comparable<RunId> {

  public RunId {
    Objects.requireNonNull(seed, "seed");
    if (sequence < 1) {
      throw new IllegalArgumentException("run sequences start at 1, got " + sequence);
    }
  }

  /** Reads {@code aa1}-style text; refuses upper case, {@code i l o z}, padding and short text. */
  public static RunId parse(String text) {
    if (text == null || text.length() < 3) {
      throw new IllegalArgumentException(
          "a run ID is a two-character seed and a base-32 sequence (e.g. aa1), got '" + text + "'");
    }
    String digits = text.substring(2);
    if (digits.charAt(0) == '0') {
      throw new IllegalArgumentException("run ID '" + text + "': the sequence is never padded");
    }
    try {
      return new RunId(new Seed(text.substring(0, 2)), Base32.decode(digits));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad run ID '" + text + "': " + e.getMessage(), e);
    }
  }

  /** Whether {@code text} parses. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return seed + Base32.encode(sequence);
  }

  /** By seed, then sequence. */
  @Override
  public int compareTo(RunId other) {
    int c = seed.compareTo(other.seed);
    return c != 0 ? c : Long.compare(sequence, other.sequence);
  }
}
