package dev.meridian.core.events;

import java.util.Locale;

/**
 * What a regional event reports (ACR webhook actions): content became visible ({@code push}) or
 * left ({@code delete}) in this region, or a change accepted here is now applied in every region
 * ({@code replicated}, DESIGN.md replication protocol step 4).
 */
public enum EventAction {
  PUSH,
  DELETE,
  REPLICATED;

  /** The wire name: {@code push}, {@code delete}, {@code replicated}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
