package dev.meridian.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * Port: the audit records one region's table holds — its own chain and a copy of every other
 * region's, each chain keyed by (origin, sequence). Records are immutable: a put never replaces
 * one. Implementations pass {@code AuditStoreContract}.
 */
public interface AuditStore {

  /** The record with the highest sequence of {@code origin}'s chain, or empty. */
  Optional<AuditRecord> last(String origin);

  /** Stores the record unless (origin, sequence) is taken; true when stored by this call. */
  boolean putIfAbsent(AuditRecord record);

  /**
   * Stores the records in order, stopping at the first whose (origin, sequence) is taken;
   * returns how many of the first records this call stored (the rest are not stored). The keys
   * must be distinct. One by one here; a store with a batched conditional write overrides it.
   */
  default int putInOrder(List<AuditRecord> records) {
    int stored = 0;
    for (AuditRecord record : records) {
      if (!putIfAbsent(record)) {
        return stored;
      }
      stored++;
    }
    return stored;
  }

  /** Records of {@code origin} with a sequence above {@code afterSequence}, ascending, at most {@code limit}. */
  List<AuditRecord> read(String origin, long afterSequence, int limit);

  /** Removes one record (retention); absent is fine. */
  void delete(String origin, long sequence);
}
