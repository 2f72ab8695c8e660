package dev.meridian.core.builds;

import dev.meridian.core.naming.Base32;
import dev.meridian.core.naming.Seed;

/**
 * Region seeds in the order regions are added: the two-digit base-32 numbers counted up from
 * {@code aa} — {@code aa, ab, … ay} (the 22 regions before the first carry), then {@code b0, b1,
 * … by}, {@code c0, …}, up to {@code yy}: {@value #CAPACITY} seeds. The n-th region added (from
 * 0) gets {@code seedAt(n)}. Every seed is a valid {@link Seed}, so a run ID's first two
 * characters always name its region. Tests use it to make as many regions as they like.
 */
public final class RegionSeeds {
  private static final int FIRST = (int) Base32.decode("aa");
  private static final int LAST = (int) Base32.decode("yy");
  public static final int CAPACITY = LAST - FIRST + 1;

  private RegionSeeds() {}

  /** The seed of the {@code index}-th region added (0 → {@code aa}, 22 → {@code b0}). */
  public static Seed seedAt(int index) {
    if (index < 0 || index >= CAPACITY) {
      throw new IllegalArgumentException(
          "region index " + index + " outside 0.." + (CAPACITY - 1) + ": no seed left");
    }
    return new Seed(Base32.encode(FIRST + index, 2));
  }

  /** The inverse of {@link #seedAt}. */
  public static int indexOf(Seed seed) {
    long value = Base32.decode(seed.value());
    if (value < FIRST) {
      throw new IllegalArgumentException("seed '" + seed + "' comes before aa: not an assigned seed");
    }
    return (int) (value - FIRST);
  }
}
