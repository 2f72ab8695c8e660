package dev.meridian.core.builds;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Names of container-engine jobs: unique among runs sharing one engine, lower case. */
final class EngineJobs {
  private static final SecureRandom RANDOM = new SecureRandom();

  private EngineJobs() {}

  /** {@code meridian-<run>-<8 random hex>}: the run for people, the suffix against clashes. */
  static String name(String run) {
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return "meridian-" + run.toLowerCase(java.util.Locale.ROOT) + "-"
        + HexFormat.of().formatHex(suffix);
  }
}
