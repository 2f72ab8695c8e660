package dev.meridian.core.contract;

import dev.meridian.core.builds.TaskStore;
import dev.meridian.core.fakes.InMemoryTaskStore;

class InMemoryTaskStoreContractTest extends TaskStoreContract {
  @Override
  protected TaskStore newStore() {
    return new InMemoryTaskStore();
  }
}
