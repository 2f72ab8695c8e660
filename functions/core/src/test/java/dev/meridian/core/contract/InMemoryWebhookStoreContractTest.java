package dev.meridian.core.contract;

import dev.meridian.core.fakes.InMemoryWebhookStore;
import dev.meridian.core.webhooks.WebhookStore;

class InMemoryWebhookStoreContractTest extends WebhookStoreContract {
  @Override
  protected WebhookStore newStore() {
    return new InMemoryWebhookStore();
  }
}
