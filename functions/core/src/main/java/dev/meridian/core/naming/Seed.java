package dev.meridian.core.naming;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A region's seed: two base-32 characters ({@link Base32#ALPHABET}) given to each region in the
 * order regions were added ({@code aa}, {@code ab}, {@code ac}, …). A version's last part and a
 * build run ID's first two characters are the seed of the region that issued them.
 *
 * <p>The one place a seed's grammar is written. Seeds are parsed into this type once, where they
 * enter: the configuration ({@code MERIDIAN_SEED}, {@code MERIDIAN_PEERS}, {@code
 * MERIDIAN_REGION_ENDPOINTS}), the local runtime's regions file, versions and run IDs read from
 * storage keys and records, and upload Locations' signed region; past that, code passes {@code
 * Seed}s. A seed serialises as its {@link #value()} (in JSON too: {@code @JsonValue}), so
 * storage and wire formats hold the same two characters as before. As a regular expression it is
 * {@value #PATTERN} (template.yaml's {@code RegionSeed} parameter repeats it; {@code
 * RegionSeedPatternTest} keeps the two equal).
 */
public record Seed(@JsonValue String value) implements Comparable<Seed> {

  /** The grammar as a regular expression: two digits of {@link Base32#ALPHABET}. */
  public static final String PATTERN = "[0-9a-hjkmnp-y]{2}";

  /**
   * @throws IllegalArgumentException saying what a seed is, or naming the character that is not
   *     a base-32 digit and why (upper case; {@code i l o z} are left out)
   */
  public Seed {
    if (value == null || value.length() != 2) {
      throw new IllegalArgumentException(
          "a seed is two base-32 characters (" + Base32.ALPHABET + "), got '" + value + "'");
    }
    Base32.decode(value); // names a bad character and why
  }

  /** Whether {@code text} is a seed. */
  public static boolean isValid(String text) {
    return text != null && text.length() == 2 && Base32.isDigits(text);
  }

  /** Seeds sort as the numbers they write: {@code aa} before {@code ab} before {@code b0}. */
  @Override
  public int compareTo(Seed other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
