package dev.meridian.core.contract;

import dev.meridian.core.fakes.InMemoryQuotaStore;
import dev.meridian.core.lifecycle.quota.QuotaStore;

class InMemoryQuotaStoreContractTest extends QuotaStoreContract {
  @Override
  protected QuotaStore createStore() {
    return new InMemoryQuotaStore();
  }
}
