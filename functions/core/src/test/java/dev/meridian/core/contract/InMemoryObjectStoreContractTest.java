package dev.meridian.core.contract;

import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.storage.ObjectStore;

class InMemoryObjectStoreContractTest extends ObjectStoreContract {
  @Override
  protected ObjectStore createStore() {
    return new InMemoryObjectStore();
  }
}
