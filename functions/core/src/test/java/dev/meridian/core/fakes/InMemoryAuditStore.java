package dev.meridian.core.fakes;

import dev.meridian.core.audit.AuditRecord;
import dev.meridian.core.audit.AuditStore;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link AuditStore} in memory; passes {@code AuditStoreContract}. */
public final class InMemoryAuditStore implements AuditStore {
  private final Map<String, NavigableMap<Long, AuditRecord>> chains = new ConcurrentHashMap<>();

  private NavigableMap<Long, AuditRecord> chain(String origin) {
    return chains.computeIfAbsent(origin, o -> new ConcurrentSkipListMap<>());
  }

  @Override
  public Optional<AuditRecord> last(String origin) {
    Map.Entry<Long, AuditRecord> last = chain(origin).lastEntry();
    return last == null ? Optional.empty() : Optional.of(last.getValue());
  }

  @Override
  public boolean putIfAbsent(AuditRecord record) {
    return chain(record.origin()).putIfAbsent(record.sequence(), record) == null;
  }

  @Override
  public List<AuditRecord> read(String origin, long afterSequence, int limit) {
    return chain(origin).tailMap(afterSequence, false).values().stream().limit(limit).toList();
  }

  @Override
  public void delete(String origin, long sequence) {
    chain(origin).remove(sequence);
  }

  /** Replaces a stored record as someone with write access to the table could (tamper tests). */
  public void overwrite(AuditRecord record) {
    chain(record.origin()).put(record.sequence(), record);
  }
}
