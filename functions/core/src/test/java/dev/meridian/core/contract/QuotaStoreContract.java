package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.lifecycle.quota.QuotaRule;
import dev.meridian.core.lifecycle.quota.QuotaStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What quota replication relies on from a region's store: last writer wins by version. */
public abstract class QuotaStoreContract {
  protected QuotaStore store;

  protected abstract QuotaStore createStore();

  @BeforeEach
  void setUpStore() {
    store = createStore();
  }

  @Test
  void put_whenNewer_replaces_andOlderIsRefused() {
    QuotaRule first = new QuotaRule("app/**", 100, 10, false);
    QuotaRule second = new QuotaRule("app/**", 200, 20, false);

    assertThat(store.put(first)).isTrue();
    assertThat(store.put(second)).isTrue();
    assertThat(store.put(first)).isFalse();
    assertThat(store.put(second)).as("a retry of the same write").isTrue();

    assertThat(store.list()).containsExactly(second);
  }

  @Test
  void list_holdsTheRegistryRuleBesidePatterns_andDeletedRules() {
    QuotaRule registry = new QuotaRule(null, 1000, 1, false);
    QuotaRule deleted = new QuotaRule("team/*", 0, 2, true);
    store.put(registry);
    store.put(deleted);

    assertThat(store.list()).containsExactlyInAnyOrder(registry, deleted);
  }
}
