package dev.meridian.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks one region's chain in sequence order and reports every break: a record whose hash is not
 * the hash of its fields (edited), a gap in the sequence (removed), a previous hash that is not
 * the hash of the record before (edited or reordered). Records removed by retention leave the
 * chain starting later; its first retained record's link backwards cannot be checked, and its
 * sequence says how many came before.
 */
final class ChainVerifier {
  private final String origin;
  private final List<ChainReport.Problem> problems = new ArrayList<>();
  private AuditRecord previous;
  private AuditRecord first;
  private long count;

  ChainVerifier(String origin) {
    this.origin = origin;
  }

  void accept(AuditRecord r) {
    count++;
    if (first == null) {
      first = r;
    }
    if (!r.origin().equals(origin)) {
      problems.add(new ChainReport.Problem(r.sequence(),
          "stored under " + origin + " but names origin " + r.origin()));
    }
    if (!r.hashMatches()) {
      problems.add(new ChainReport.Problem(r.sequence(),
          "hash does not match the record's fields (record altered)"));
    }
    if (previous == null) {
      if (r.sequence() == 1 && !r.previousHash().equals(AuditRecord.GENESIS)) {
        problems.add(new ChainReport.Problem(1, "first record does not start the chain"));
      }
    } else if (r.sequence() != previous.sequence() + 1) {
      problems.add(new ChainReport.Problem(r.sequence(), "records " + (previous.sequence() + 1)
          + " to " + (r.sequence() - 1) + " are missing"));
    } else if (!r.previousHash().equals(previous.hash())) {
      problems.add(new ChainReport.Problem(r.sequence(),
          "previous hash does not match record " + previous.sequence()));
    }
    previous = r;
  }

  ChainReport report() {
    return new ChainReport(origin, count, first == null ? 0 : first.sequence(),
        previous == null ? 0 : previous.sequence(), previous == null ? "" : previous.hash(),
        List.copyOf(problems));
  }
}
