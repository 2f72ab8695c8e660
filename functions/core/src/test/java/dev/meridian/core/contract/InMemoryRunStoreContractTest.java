package dev.meridian.core.contract;

import dev.meridian.core.builds.RunStore;
import dev.meridian.core.fakes.InMemoryRunStore;

class InMemoryRunStoreContractTest extends RunStoreContract {
  @Override
  protected RunStore newStore() {
    return new InMemoryRunStore();
  }
}
