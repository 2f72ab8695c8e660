package dev.meridian.core.contract;

import dev.meridian.core.audit.AuditStore;
import dev.meridian.core.fakes.InMemoryAuditStore;

class InMemoryAuditStoreContractTest extends AuditStoreContract {
  @Override
  protected AuditStore newStore() {
    return new InMemoryAuditStore();
  }
}
