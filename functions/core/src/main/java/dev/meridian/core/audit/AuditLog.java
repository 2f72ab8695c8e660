package dev.meridian.core.audit;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's audit log as one region keeps it (docs/console.md "Audit log"). Each region
 * appends to its own hash chain in its own table — a conditional put on the next sequence, so
 * concurrent writers (Lambda instances) never fork the chain — and copies every record to each
 * peer's table, as account changes are written to every region (ReplicatedIdentityStore): any
 * region lists everyone's records. A peer that missed a copy is caught up from its own head on
 * the next append, so a lost copy shows as a gap only until then.
 */
public final class AuditLog {
  private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());
  private static final int PAGE = 500;
  private static final int MAX_ATTEMPTS = 50;
  /** Every this many appends, the region removes records past retention from its table. */
  private static final int PRUNE_EVERY = 256;

  private final String origin;
  private final AuditStore local;
  private final Map<String, AuditStore> peers;
  private final List<String> regions;
  private final AuditSettings settings;
  private final Clock clock;
  private final Set<String> behind = ConcurrentHashMap.newKeySet();
  private AuditRecord head; // this instance's last known head of its own chain; guarded by this

  /**
   * @param origin this region's name: its chain
   * @param peers every other region's store by region name
   */
  public AuditLog(String origin, AuditStore local, Map<String, AuditStore> peers,
      AuditSettings settings, Clock clock) {
    this.origin = origin;
    this.local = local;
    this.peers = new LinkedHashMap<>(peers);
    this.peers.remove(origin);
    List<String> all = new ArrayList<>();
    all.add(origin);
    all.addAll(this.peers.keySet());
    this.regions = List.copyOf(all);
    this.settings = settings;
    this.clock = clock;
  }

  public AuditSettings settings() {
    return settings;
  }

  /** The region names whose chains this log holds, this region's first. */
  public List<String> regions() {
    return regions;
  }

  /** Chains the entry in this region and copies it to every peer; returns the record. */
  public AuditRecord append(AuditEntry entry) {
    AuditRecord record = chainLocally(entry);
    for (Map.Entry<String, AuditStore> peer : peers.entrySet()) {
      copy(peer.getKey(), peer.getValue(), record);
    }
    if (record.sequence() % PRUNE_EVERY == 0) {
      prune();
    }
    return record;
  }

  private synchronized AuditRecord chainLocally(AuditEntry entry) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (head == null || attempt > 0) {
        head = local.last(origin).orElse(null);
      }
      AuditRecord next = AuditRecord.next(origin, head, clock.instant(), entry);
      if (local.putIfAbsent(next)) {
        head = next;
        return next;
      }
    }
    throw new IllegalStateException("could not append to the audit chain of " + origin
        + " after " + MAX_ATTEMPTS + " attempts");
  }

  private void copy(String region, AuditStore store, AuditRecord record) {
    try {
      if (behind.contains(region)) {
        catchUp(store, record.sequence());
        behind.remove(region);
      } else {
        store.putIfAbsent(record);
      }
    } catch (RuntimeException e) {
      behind.add(region);
      LOG.log(Level.WARNING, "audit record " + origin + "/" + record.sequence()
          + " not copied to " + region + " (copied with the next record): " + e);
    }
  }

  /** Copies this region's records the peer lacks, from the peer's head up to {@code through}. */
  private void catchUp(AuditStore peer, long through) {
    long after = peer.last(origin).map(AuditRecord::sequence).orElse(0L);
    while (after < through) {
      List<AuditRecord> page = local.read(origin, after, PAGE);
      if (page.isEmpty()) {
        return;
      }
      page.forEach(peer::putIfAbsent);
      after = page.get(page.size() - 1).sequence();
    }
  }

  /** The newest records that match, newest first (at most the query's limit). */
  public List<AuditRecord> query(AuditQuery query) {
    Comparator<AuditRecord> newestFirst = Comparator.comparing(AuditRecord::time)
        .thenComparing(AuditRecord::origin).thenComparingLong(AuditRecord::sequence).reversed();
    PriorityQueue<AuditRecord> kept = new PriorityQueue<>(newestFirst.reversed());
    Instant cutoff = cutoff();
    for (String region : regions) {
      if (query.origin() != null && !query.origin().equals(region)) {
        continue;
      }
      forEach(region, r -> {
        if (!r.time().isBefore(cutoff) && query.matches(r)) {
          kept.add(r);
          if (kept.size() > query.limit()) {
            kept.poll(); // the oldest
          }
        }
      });
    }
    List<AuditRecord> result = new ArrayList<>(kept);
    result.sort(newestFirst);
    return result;
  }

  /** Every region's chain as this region holds it, checked link by link. */
  public List<ChainReport> verify() {
    List<ChainReport> reports = new ArrayList<>();
    for (String region : regions) {
      ChainVerifier verifier = new ChainVerifier(region);
      forEach(region, verifier::accept);
      reports.add(verifier.report());
    }
    return reports;
  }

  /** Removes records older than the retention from this region's table; returns how many. */
  public int prune() {
    Instant cutoff = cutoff();
    int removed = 0;
    for (String region : regions) {
      try {
        removed += pruneChain(region, cutoff);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "audit retention of " + region + "'s records failed: " + e);
      }
    }
    return removed;
  }

  /** Times within a chain never decrease, so the expired records are a prefix of it. */
  private int pruneChain(String region, Instant cutoff) {
    int removed = 0;
    while (true) {
      List<AuditRecord> page = local.read(region, 0, PAGE);
      for (AuditRecord r : page) {
        if (!r.time().isBefore(cutoff)) {
          return removed;
        }
        local.delete(region, r.sequence());
        removed++;
      }
      if (page.size() < PAGE) {
        return removed;
      }
    }
  }

  private Instant cutoff() {
    return clock.instant().minus(settings.retention());
  }

  private void forEach(String region, java.util.function.Consumer<AuditRecord> action) {
    long after = 0;
    List<AuditRecord> page;
    do {
      page = local.read(region, after, PAGE);
      page.forEach(action);
      if (!page.isEmpty()) {
        after = page.get(page.size() - 1).sequence();
      }
    } while (page.size() == PAGE);
  }
}
