package dev.meridian.core.contract;

import dev.meridian.core.auth.IdentityStore;
import dev.meridian.core.fakes.InMemoryIdentityStore;

class InMemoryIdentityStoreContractTest extends IdentityStoreContract {
  @Override
  protected IdentityStore newStore() {
    return new InMemoryIdentityStore();
  }
}
