package dev.meridian.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds identical pull records of one background batch (at most {@code BackgroundAuditWriter}'s
 * linger, 100 ms, of pulls) into one record whose detail says how many: {@code count=N}, as
 * syslog's "last message repeated N times". The same caller pulling the same manifest from the
 * same address with the same outcome many times a second — a CI fleet behind one NAT, a load
 * test — is then one write to each region's table instead of N, which kept the writer's CPU from
 * starving the pulls themselves (docs/benchmarks.md, issue 22 target 5). Nothing is lost: who,
 * what, from where, the outcome and how many stay; the time is the batch's, within 100 ms.
 *
 * <p>An instance accumulates one batch: the writer bounds a batch by its {@link #distinct}
 * records (what a write costs), not by the pulls folded into them, so a burst of identical pulls
 * is one write per linger rather than one per hundred pulls.
 */
final class RepeatedPulls {

  private final Map<AuditEntry, Integer> counts = new LinkedHashMap<>();
  private int pulls;

  /** The batch with identical entries folded, first occurrences in their order. */
  static List<AuditEntry> fold(List<AuditEntry> batch) {
    RepeatedPulls folding = new RepeatedPulls();
    batch.forEach(folding::add);
    return folding.counts.size() == batch.size() ? batch : folding.folded();
  }

  void add(AuditEntry entry) {
    counts.merge(entry, 1, Integer::sum);
    pulls++;
  }

  /** Records the batch will write. */
  int distinct() {
    return counts.size();
  }

  /** Entries added, identical ones each counted. */
  int pulls() {
    return pulls;
  }

  boolean isEmpty() {
    return pulls == 0;
  }

  /** One record per distinct entry, in first-occurrence order, repeats with their count. */
  List<AuditEntry> folded() {
    List<AuditEntry> folded = new ArrayList<>(counts.size());
    counts.forEach((entry, count) -> folded.add(count == 1 ? entry : counted(entry, count)));
    return folded;
  }

  private static AuditEntry counted(AuditEntry e, int count) {
    String detail = e.detail().isEmpty() ? "count=" + count : e.detail() + "; count=" + count;
    return new AuditEntry(e.actor(), e.action(), e.status(), e.address(), e.repository(),
        e.reference(), e.digest(), detail);
  }
}
