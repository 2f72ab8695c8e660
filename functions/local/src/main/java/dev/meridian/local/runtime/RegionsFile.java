package dev.meridian.local.runtime;

import dev.meridian.core.naming.Seed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a regions file: one region per line, {@code <name> <seed> [capacity]} separated by white
 * space, in the order the regions were added; {@code #} starts a comment; blank lines are ignored.
 * {@code capacity} is the region's concurrent builds (default {@value
 * RegionSpec#DEFAULT_BUILD_CAPACITY}).
 *
 * <pre>
 * # name        seed  capacity
 * eastus        aa    4
 * westeurope    ab
 * </pre>
 *
 * Names and seeds must be unique. Errors name the file and the line.
 */
public final class RegionsFile {

  private RegionsFile() {}

  public static List<RegionSpec> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read regions file " + file + ": " + e, e);
    }
    return parse(file.toString(), lines);
  }

  static List<RegionSpec> parse(String source, List<String> lines) {
    List<RegionSpec> regions = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<Seed> seeds = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String where = source + ":" + (i + 1) + ": ";
      String line = stripComment(lines.get(i)).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 2 && fields.length != 3) {
        throw new IllegalArgumentException(
            where + "expected '<name> <seed> [capacity]', got '" + line + "'");
      }
      RegionSpec region;
      try {
        region = new RegionSpec(fields[0], fields[1],
            fields.length == 3 ? capacity(fields[2]) : RegionSpec.DEFAULT_BUILD_CAPACITY);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
      if (!names.add(region.name())) {
        throw new IllegalArgumentException(where + "region " + region.name() + " listed twice");
      }
      if (!seeds.add(region.seed())) {
        throw new IllegalArgumentException(where + "seed " + region.seed() + " already used");
      }
      regions.add(region);
    }
    if (regions.isEmpty()) {
      throw new IllegalArgumentException(source + ": no regions");
    }
    return List.copyOf(regions);
  }

  private static int capacity(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad build capacity '" + text + "': a number", e);
    }
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }
}
