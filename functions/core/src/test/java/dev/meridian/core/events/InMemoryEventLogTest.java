package dev.meridian.core.events;

import dev.meridian.core.contract.EventLogContract;
import dev.meridian.core.fakes.InMemoryEventLog;

class InMemoryEventLogTest extends EventLogContract {
  @Override
  protected EventLog newLog() {
    return new InMemoryEventLog();
  }
}
