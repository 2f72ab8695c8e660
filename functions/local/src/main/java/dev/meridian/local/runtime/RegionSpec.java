package dev.meridian.local.runtime;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One simulated region: its name and its seed (DESIGN.md "Concepts").
 *
 * <p>Names are lower-case letters and digits, starting with a letter, at most 40 characters, so
 * that {@code <registry>-<region>} is a valid S3 bucket name (3–63 characters of {@code a-z 0-9 -})
 * and DynamoDB table name. Seeds are two characters of Meridian's base-32 alphabet (no {@code i l
 * o z}).
 */
public record RegionSpec(String name, String seed) {

  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,39}");
  static final Pattern SEED = Pattern.compile("[0-9a-hjkmnp-y]{2}");

  /** DESIGN.md's default replica set, in the order the regions were added. */
  public static final List<RegionSpec> DEFAULTS = List.of(
      new RegionSpec("eastus", "aa"),
      new RegionSpec("westeurope", "ab"),
      new RegionSpec("canadacentral", "ac"));

  public RegionSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad region name '" + name
          + "': lower-case letters and digits, starting with a letter, at most 40");
    }
    if (seed == null || !SEED.matcher(seed).matches()) {
      throw new IllegalArgumentException("bad seed '" + seed + "' for region " + name
          + ": two characters of 0123456789abcdefghjkmnpqrstuvwxy");
    }
  }
}
