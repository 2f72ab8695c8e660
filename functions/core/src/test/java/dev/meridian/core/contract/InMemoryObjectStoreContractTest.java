package dev.meridian.core.contract;

import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.storage.ObjectStore;
import java.net.URI;

class InMemoryObjectStoreContractTest extends ObjectStoreContract {
  @Override
  protected ObjectStore createStore() {
    return new InMemoryObjectStore();
  }

  @Override
  protected int putPresigned(URI url, byte[] body) {
    return ((InMemoryObjectStore) store).putPresigned(url, body);
  }
}
