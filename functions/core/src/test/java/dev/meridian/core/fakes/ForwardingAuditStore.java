package dev.meridian.core.fakes;

import dev.meridian.core.audit.AuditRecord;
import dev.meridian.core.audit.AuditStore;
import java.util.List;
import java.util.Optional;

/** An {@link AuditStore} that passes every call on; tests override the calls they disturb. */
public class ForwardingAuditStore implements AuditStore {
  private final AuditStore inner;

  public ForwardingAuditStore(AuditStore inner) {
    this.inner = inner;
  }

  @Override
  public Optional<AuditRecord> last(String origin) {
    return inner.last(origin);
  }

  @Override
  public boolean putIfAbsent(AuditRecord record) {
    return inner.putIfAbsent(record);
  }

  @Override
  public int putInOrder(List<AuditRecord> records) {
    return inner.putInOrder(records);
  }

  @Override
  public List<AuditRecord> read(String origin, long afterSequence, int limit) {
    return inner.read(origin, afterSequence, limit);
  }

  @Override
  public void delete(String origin, long sequence) {
    inner.delete(origin, sequence);
  }
}
