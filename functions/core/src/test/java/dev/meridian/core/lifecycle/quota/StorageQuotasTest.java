package dev.meridian.core.lifecycle.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.RegistryException;
import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryQuotaStore;
import dev.meridian.core.oci.RepositoryName;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rules cache of push admission: few reads, yet every change through the API at once. */
class StorageQuotasTest {
  private static final RepositoryName REPO = RepositoryName.parse("app/web");

  /** Counts listings, as the DynamoDB store would count {@code Query}s of {@code pk = quota}. */
  private static final class CountingStore implements QuotaStore {
    final InMemoryQuotaStore rules = new InMemoryQuotaStore();
    final AtomicInteger lists = new AtomicInteger();

    @Override
    public List<QuotaRule> list() {
      lists.incrementAndGet();
      return rules.list();
    }

    @Override
    public boolean put(QuotaRule rule) {
      return rules.put(rule);
    }
  }

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void admit_whenNoRuleAndPushesWithinTheTtl_listsTheRulesOnce() {
    CountingStore store = new CountingStore();
    StorageQuotas quotas = new StorageQuotas(store, new InMemoryMetadataIndex(), nanos::get);

    for (int i = 0; i < 5; i++) {
      quotas.admit(REPO, null, 1000);
    }

    assertThat(store.lists).hasValue(1);
  }

  @Test
  void admit_whenARuleIsSetThroughAnotherRegionsReplicatedStore_refusesAtOnce() {
    CountingStore east = new CountingStore();
    CountingStore west = new CountingStore();
    StorageQuotas westQuotas = new StorageQuotas(west, new InMemoryMetadataIndex(), nanos::get);
    westQuotas.admit(REPO, null, 1000); // "no rules" cached in west

    new ReplicatedQuotaStore(east, Map.of("east", east, "west", west))
        .put(new QuotaRule("app/**", 100, 1, false));

    assertThatThrownBy(() -> westQuotas.admit(REPO, null, 1000))
        .isInstanceOf(RegistryException.class).hasMessageContaining("app/**");
  }

  @Test
  void admit_whenARuleArrivesFromAnotherProcess_refusesOnceTheTtlPassed() {
    CountingStore store = new CountingStore();
    StorageQuotas quotas = new StorageQuotas(store, new InMemoryMetadataIndex(), nanos::get);
    quotas.admit(REPO, null, 1000);

    store.rules.put(new QuotaRule("app/**", 100, 1, false)); // not through this process's API
    quotas.admit(REPO, null, 1000); // the cached listing is trusted for the TTL
    nanos.addAndGet(QuotaRuleCache.TTL.toNanos());

    assertThatThrownBy(() -> quotas.admit(REPO, null, 1000))
        .isInstanceOf(RegistryException.class).hasMessageContaining("app/**");
    assertThat(store.lists).hasValue(2);
  }
}
