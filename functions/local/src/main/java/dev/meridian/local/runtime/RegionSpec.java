package dev.meridian.local.runtime;

import dev.meridian.core.naming.Base32;
import dev.meridian.core.naming.Seed;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One simulated region: its name, its seed (docs/architecture.md "Concepts") and its build capacity
 * (how many runs it takes at once: the size of its worker pool and what enqueue's placement counts
 * against; docs/builds.md).
 *
 * <p>Names are lower-case letters and digits, starting with a letter, at most 40 characters, so
 * that {@code <registry>-<region>} is a valid S3 bucket name (3–63 characters of {@code a-z 0-9 -})
 * and DynamoDB table name. Seeds are two characters of Meridian's base-32 alphabet (no {@code i l
 * o z}).
 */
public record RegionSpec(String name, Seed seed, int buildCapacity) {

  /** Build capacity when the regions file gives none ({@code MERIDIAN_BUILDS_CAPACITY}'s default). */
  public static final int DEFAULT_BUILD_CAPACITY = 2;
  /** More concurrent builds than one JVM should run; a typo guard. */
  static final int MAX_BUILD_CAPACITY = 64;

  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,39}");

  /** The default replica set (docs/local-runtime.md), in the order the regions were added. */
  public static final List<RegionSpec> DEFAULTS = List.of(
      new RegionSpec("eastus", new Seed("aa")),
      new RegionSpec("westeurope", new Seed("ab")),
      new RegionSpec("canadacentral", new Seed("ac")));

  public RegionSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad region name '" + name
          + "': lower-case letters and digits, starting with a letter, at most 40");
    }
    if (seed == null) {
      throw new IllegalArgumentException("no seed for region " + name);
    }
    if (buildCapacity < 1 || buildCapacity > MAX_BUILD_CAPACITY) {
      throw new IllegalArgumentException("bad build capacity " + buildCapacity + " for region "
          + name + ": 1 to " + MAX_BUILD_CAPACITY);
    }
  }

  /** Reads a regions file's fields: the seed is checked here, with the region it names. */
  public RegionSpec(String name, String seed, int buildCapacity) {
    this(name, seedOf(name, seed), buildCapacity);
  }

  private static Seed seedOf(String name, String seed) {
    if (!Seed.isValid(seed)) {
      throw new IllegalArgumentException("bad seed '" + seed + "' for region " + name
          + ": two characters of " + Base32.ALPHABET);
    }
    return new Seed(seed);
  }

  /** A region with the default build capacity. */
  public RegionSpec(String name, Seed seed) {
    this(name, seed, DEFAULT_BUILD_CAPACITY);
  }
}
