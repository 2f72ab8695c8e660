package dev.meridian.core.events;

import java.util.Locale;

/**
 * What a regional event reports (ACR webhook actions): content became visible ({@code push}) or
 * left ({@code delete}) in this region, or a change accepted here is now applied in every region
 * ({@code replicated}, docs/architecture.md, replication protocol step 4), or a build run changed
 * phase ({@code build}: queued, started, succeeded, failed, canceled; {@link BuildEvent}).
 */
public enum EventAction {
  PUSH,
  DELETE,
  REPLICATED,
  BUILD;

  /** The wire name: {@code push}, {@code delete}, {@code replicated}, {@code build}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
