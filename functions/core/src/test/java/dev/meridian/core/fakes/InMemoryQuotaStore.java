package dev.meridian.core.fakes;

import dev.meridian.core.lifecycle.quota.QuotaRule;
import dev.meridian.core.lifecycle.quota.QuotaStore;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** Quota rules in memory; passes {@code QuotaStoreContract} like {@code DynamoDbQuotaStore}. */
public final class InMemoryQuotaStore implements QuotaStore {
  private final ConcurrentSkipListMap<String, QuotaRule> rules = new ConcurrentSkipListMap<>();

  @Override
  public List<QuotaRule> list() {
    return List.copyOf(rules.values());
  }

  @Override
  public boolean put(QuotaRule rule) {
    boolean[] stored = {false};
    rules.compute(rule.key(), (k, held) -> {
      if (held == null || held.version() < rule.version() || held.equals(rule)) {
        stored[0] = true;
        return rule;
      }
      return held;
    });
    return stored[0];
  }
}
