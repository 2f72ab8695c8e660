package dev.meridian.core.naming;

/**
 * A region's seed: two base-32 characters ({@link Base32#ALPHABET}) given to each region in the
 * order regions were added ({@code aa}, {@code ab}, {@code ac}, …). A version's last part and a
 * build run ID's first two characters are the seed of the region that issued them.
 *
 * <p>The one place a seed's grammar is written: the configuration ({@code MERIDIAN_SEED}), the
 * local runtime's regions file and run IDs all check seeds here. As a regular expression it is
 * {@value #PATTERN}.
 */
public record Seed(String value) implements Comparable<Seed> {

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
