package dev.meridian.core.lifecycle.quota;

import dev.meridian.core.auth.RepositoryPattern;

/**
 * A storage quota (docs/lifecycle.md "Quotas"): at most {@code bytes} in each repository matching
 * {@code repositories} (a glob, as grants use: {@code app/**}), or in the whole registry of a
 * region when {@code repositories} is null. Rules replicate to every region, last writer wins by
 * {@code version} (epoch millis of the change); a delete is a rule with {@code deleted} set.
 */
public record QuotaRule(String repositories, long bytes, long version, boolean deleted) {
  public static final String REGISTRY_KEY = "registry";

  public QuotaRule {
    if (repositories != null) {
      RepositoryPattern.of(repositories); // validates the glob
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("quota bytes must be zero or more, got " + bytes);
    }
  }

  /** The rule's identity in the store: {@code registry} or {@code repositories:<glob>}. */
  public String key() {
    return repositories == null ? REGISTRY_KEY : "repositories:" + repositories;
  }

  /** The rule as written under {@link #key()} ({@code registry} or {@code repositories:…}). */
  public static QuotaRule fromKey(String key, long bytes, long version, boolean deleted) {
    return new QuotaRule(key.equals(REGISTRY_KEY) ? null
        : key.substring("repositories:".length()), bytes, version, deleted);
  }

  public boolean covers(String repository) {
    return repositories == null || RepositoryPattern.of(repositories).matches(repository);
  }

  /** How the rule names its scope in messages and listings. */
  public String scope() {
    return repositories == null ? "the registry" : "repositories " + repositories;
  }
}
