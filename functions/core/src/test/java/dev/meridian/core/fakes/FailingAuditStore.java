package dev.meridian.core.fakes;

import dev.meridian.core.audit.AuditRecord;
import dev.meridian.core.audit.AuditStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link AuditStore} whose next puts fail, as a table in an outage would. */
public final class FailingAuditStore extends ForwardingAuditStore {
  private final AtomicInteger failures = new AtomicInteger();

  public FailingAuditStore(AuditStore inner) {
    super(inner);
  }

  /** The next {@code count} batched puts throw. */
  public FailingAuditStore failNext(int count) {
    failures.set(count);
    return this;
  }

  @Override
  public int putInOrder(List<AuditRecord> records) {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("table unreachable");
    }
    return super.putInOrder(records);
  }
}
