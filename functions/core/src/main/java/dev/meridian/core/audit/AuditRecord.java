package dev.meridian.core.audit;

import java.time.Instant;

/**
 * One link of a region's audit chain: the entry, where and when it was recorded ({@code origin}
 * region, its {@code sequence} there from 1 without gaps), the {@code previousHash} of the record
 * before it in that region's chain ({@link #GENESIS} for the first) and its own {@code hash}, the
 * SHA-256 of every other field ({@link AuditJson#canonical}). Changing any field, removing a
 * record or reordering two breaks the chain where it happened ({@link ChainVerifier}).
 */
public record AuditRecord(String origin, long sequence, Instant time, AuditEntry entry,
    String previousHash, String hash) {

  /** The previous hash of a chain's first record: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  /** The record after {@code previous} (null: the first) with its hash computed. */
  public static AuditRecord next(String origin, AuditRecord previous, Instant now,
      AuditEntry entry) {
    long sequence = previous == null ? 1 : previous.sequence() + 1;
    // Time never runs backwards within a chain (a clock step back would otherwise reorder
    // records by time), so a time range is also a sequence range.
    Instant time = previous == null || now.isAfter(previous.time()) ? now : previous.time();
    String prev = previous == null ? GENESIS : previous.hash();
    AuditRecord unsigned = new AuditRecord(origin, sequence, time, entry, prev, "");
    return new AuditRecord(origin, sequence, time, entry, prev, AuditJson.hash(unsigned));
  }

  /** True when {@link #hash} is the hash of the other fields as stored. */
  public boolean hashMatches() {
    return AuditJson.hash(this).equals(hash);
  }
}
