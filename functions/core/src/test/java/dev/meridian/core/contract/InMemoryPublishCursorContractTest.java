package dev.meridian.core.contract;

import dev.meridian.core.events.PublishCursor;
import dev.meridian.core.fakes.InMemoryPublishCursor;

class InMemoryPublishCursorContractTest extends PublishCursorContract {
  @Override
  protected PublishCursor newCursor() {
    return new InMemoryPublishCursor();
  }
}
