package dev.meridian.builder.runs;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Names of container-engine jobs: unique among runs sharing one engine, lower case. */
final class EngineJobs {
  private static final SecureRandom RANDOM = new SecureRandom();

  private EngineJobs() {}

  /** {@code meridian-<run>-<8 random hex>}: the run (and step) for people, the suffix against clashes. */
  static String name(String run) {
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    String safe = run.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-|-$", ""); // a step id may hold anything; a docker tag may not
    return "meridian-" + safe + "-" + HexFormat.of().formatHex(suffix);
  }
}
