package dev.meridian.core.lifecycle.quota;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The quota rules as a push's admission reads them: from the store at most once per {@link
 * #TTL}, and again at once after any rule was set or deleted through this process (every
 * region of a local runtime, one Lambda container on AWS). Without it every blob completion
 * queried the {@code quota} partition, even in a registry without a single rule (bench/notes.md:
 * two of a push's ~40 DynamoDB calls). A rule set through another process (another region's
 * Lambda) is enforced here within the TTL, as a changed account is (docs/security.md).
 */
final class QuotaRuleCache {
  /** How long a listing is trusted when no change was made through this process. */
  static final Duration TTL = Duration.ofSeconds(10);

  /** Bumped by every rule write through this process ({@link ReplicatedQuotaStore#put}). */
  private static final AtomicLong CHANGES = new AtomicLong();

  private record Listing(List<QuotaRule> rules, long readAtNanos, long changes) {}

  private final QuotaStore store;
  private final LongSupplier nanoTime;
  private volatile Listing listing;

  QuotaRuleCache(QuotaStore store, LongSupplier nanoTime) {
    this.store = store;
    this.nanoTime = nanoTime;
  }

  /** Called after a rule write through this process: every cache re-reads on its next use. */
  static void changed() {
    CHANGES.incrementAndGet();
  }

  /** Every rule, deleted ones included, as {@link QuotaStore#list} returns them. */
  List<QuotaRule> rules() {
    Listing held = listing;
    long now = nanoTime.getAsLong();
    if (held != null && held.changes() == CHANGES.get()
        && now - held.readAtNanos() < TTL.toNanos()) {
      return held.rules();
    }
    long changes = CHANGES.get(); // before the read: a write during it forces the next one
    List<QuotaRule> rules = List.copyOf(store.list());
    listing = new Listing(rules, now, changes);
    return rules;
  }
}
