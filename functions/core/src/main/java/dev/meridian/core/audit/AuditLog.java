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
  /** Per chain, the time of the oldest record the last prune kept (pruneChain). */
  private final Map<String, Instant> oldestKept = new ConcurrentHashMap<>();
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
    return appendAll(List.of(entry)).get(0);
  }

  /**
   * Chains the entries in this order in this region and copies them to every peer, one batched
   * put per table (BackgroundAuditWriter hands over pull records this way); returns the records.
   */
  public List<AuditRecord> appendAll(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    List<AuditRecord> records = chainLocally(entries);
    for (Map.Entry<String, AuditStore> peer : peers.entrySet()) {
      copy(peer.getKey(), peer.getValue(), records);
    }
    long first = records.get(0).sequence();
    long last = records.get(records.size() - 1).sequence();
    if (last / PRUNE_EVERY > (first - 1) / PRUNE_EVERY) { // crossed a multiple of PRUNE_EVERY
      prune();
    }
    return records;
  }

  /**
   * Puts the entries after this instance's head in one ordered batch. When another writer of
   * this region (a second instance) took a sequence, the records from there on are chained
   * again after the head as it is now, as often as that happens (at most MAX_ATTEMPTS times).
   */
  private synchronized List<AuditRecord> chainLocally(List<AuditEntry> entries) {
    List<AuditRecord> stored = new ArrayList<>(entries.size());
    boolean stale = head == null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; ) {
      if (stale) {
        head = local.last(origin).orElse(null);
      }
      List<AuditRecord> next = new ArrayList<>();
      AuditRecord previous = head;
      Instant now = clock.instant();
      for (AuditEntry entry : entries.subList(stored.size(), entries.size())) {
        previous = AuditRecord.next(origin, previous, now, entry);
        next.add(previous);
      }
      int put = local.putInOrder(next);
      stored.addAll(next.subList(0, put));
      if (put > 0) {
        head = next.get(put - 1);
      }
      if (stored.size() == entries.size()) {
        return stored;
      }
      stale = put < next.size();
      attempt++;
    }
    throw new IllegalStateException("could not append to the audit chain of " + origin
        + " after " + MAX_ATTEMPTS + " attempts (" + stored.size() + " of " + entries.size()
        + " records appended)");
  }

  private void copy(String region, AuditStore store, List<AuditRecord> records) {
    AuditRecord last = records.get(records.size() - 1);
    try {
      if (behind.contains(region)) {
        catchUp(store, last.sequence());
        behind.remove(region);
      } else {
        putAll(store, records);
      }
    } catch (RuntimeException e) {
      behind.add(region);
      LOG.log(Level.WARNING, "audit records " + origin + "/" + records.get(0).sequence() + "-"
          + last.sequence() + " not copied to " + region + " (copied with the next record): "
          + e);
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
      putAll(peer, page);
      after = page.get(page.size() - 1).sequence();
    }
  }

  /**
   * Puts every record a peer does not hold yet. Copies are idempotent: a record already there
   * (another instance's copy, a catch-up) is skipped and the rest are put after it.
   */
  private static void putAll(AuditStore peer, List<AuditRecord> records) {
    int from = 0;
    while (from < records.size()) {
      from += peer.putInOrder(records.subList(from, records.size())) + 1; // +1: the taken one
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

  /**
   * Times within a chain never decrease, so the expired records are a prefix of it. The time of
   * the oldest record kept is remembered: until the cutoff passes it nothing can have expired and
   * no page is read; after it, one record is read first, as usually few have expired since.
   */
  private int pruneChain(String region, Instant cutoff) {
    Instant oldest = oldestKept.get(region);
    if (oldest != null && !oldest.isBefore(cutoff)) {
      return 0;
    }
    int removed = 0;
    int size = 1;
    while (true) {
      List<AuditRecord> page = local.read(region, 0, size);
      for (AuditRecord r : page) {
        if (!r.time().isBefore(cutoff)) {
          oldestKept.put(region, r.time());
          return removed;
        }
        local.delete(region, r.sequence());
        removed++;
      }
      if (page.size() < size) {
        oldestKept.remove(region);
        return removed;
      }
      size = PAGE;
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
