package dev.meridian.core.naming;

/**
 * Meridian's base-32 numbers, in which region seeds ({@link Seed}) and build run IDs are
 * written: digits {@value #ALPHABET} — lower case, no
 * {@code i l o z}, so that an ID read aloud or copied by hand cannot be misread. Numbers are
 * written most significant digit first, without padding: 1 is {@code 1}, 32 is {@code 10}. For
 * texts of equal length, string order is numeric order (the alphabet is in ASCII order).
 */
public final class Base32 {
  public static final String ALPHABET = "0123456789abcdefghjkmnpqrstuvwxy";
  /** 13 digits hold every non-negative {@code long} (32^13 = 2^65). */
  static final int MAX_DIGITS = 13;
  private static final int[] VALUES = new int[128];

  static {
    java.util.Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = i;
    }
  }

  private Base32() {}

  /** {@code value} in base 32 without padding; 0 is {@code 0}. */
  public static String encode(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("base-32 numbers are non-negative, got " + value);
    }
    char[] digits = new char[MAX_DIGITS];
    int at = digits.length;
    do {
      digits[--at] = ALPHABET.charAt((int) (value & 31));
      value >>>= 5;
    } while (value != 0);
    return new String(digits, at, digits.length - at);
  }

  /** {@code value} in exactly {@code width} digits, zero-padded on the left. */
  public static String encode(long value, int width) {
    String text = encode(value);
    if (text.length() > width) {
      throw new IllegalArgumentException(value + " needs more than " + width + " base-32 digits");
    }
    return "0".repeat(width - text.length()) + text;
  }

  /**
   * The number {@code text} writes. Leading zeros are accepted here (seeds such as {@code 0a} have
   * them); a run ID ({@code dev.meridian.core.builds.RunId}) refuses them in a sequence, which is never padded.
   *
   * @throws IllegalArgumentException naming the first bad character and why, for empty text, or
   *     for a value beyond {@code Long.MAX_VALUE}
   */
  public static long decode(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty base-32 number");
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? VALUES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("'" + c + "' at position " + (i + 1) + " of '" + text
            + "' is not a base-32 digit (" + ALPHABET + ")" + hint(c));
      }
      if (value > (Long.MAX_VALUE - digit) >>> 5) {
        throw new IllegalArgumentException("base-32 number '" + text + "' is too large");
      }
      value = (value << 5) | digit;
    }
    return value;
  }

  /** Whether every character of {@code text} is a base-32 digit (false for empty text). */
  public static boolean isDigits(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 128 || VALUES[c] < 0) {
        return false;
      }
    }
    return true;
  }

  private static String hint(char c) {
    if (c >= 'A' && c <= 'Z' && VALUES[Character.toLowerCase(c)] >= 0) {
      return ": IDs are lower case";
    }
    return switch (Character.toLowerCase(c)) {
      case 'i', 'l' -> ": i and l are left out (read as 1)";
      case 'o' -> ": o is left out (read as 0)";
      case 'z' -> ": z is left out (read as 2)";
      default -> "";
    };
  }
}
