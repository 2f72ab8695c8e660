package dev.meridian.core.contract;

import dev.meridian.core.fakes.InMemoryUploadSessionStore;
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;

class InMemoryUploadSessionStoreContractTest extends UploadSessionStoreContract {
  @Override
  protected UploadSessionStore createStore(Clock clock) {
    return new InMemoryUploadSessionStore(clock);
  }
}
