package dev.meridian.core.audit;

import java.util.List;

/**
 * One region's chain as this region's table holds it: how many records, the first and last
 * sequence, the last record's hash (compare it across regions, or keep it to compare later) and
 * every break found. {@link #intact} when there is none.
 */
public record ChainReport(String origin, long records, long firstSequence, long lastSequence,
    String headHash, List<Problem> problems) {

  public boolean intact() {
    return problems.isEmpty();
  }

  public record Problem(long sequence, String reason) {}
}
