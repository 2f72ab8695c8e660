package dev.meridian.core.replication;

import dev.meridian.core.manifest.ReplicaMiss;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What recent misses found among the peers, by repository and reference, for a short time: a
 * found copy for {@value #FOUND_MILLIS} ms (its age and state move on), a true miss for {@value
 * #ABSENT_MILLIS} ms. Bounded (LRU, {@value #MAX_ENTRIES} entries), so a storm of pulls of
 * something that does not exist costs one peer check per reference per {@value #ABSENT_MILLIS}
 * ms, and a scan of random names cannot grow the process.
 */
final class MissCache {
  static final long FOUND_MILLIS = 1_000;
  static final long ABSENT_MILLIS = 2_000;
  static final int MAX_ENTRIES = 4_096;

  private record Entry(Optional<ReplicaMiss> miss, long expiresAt) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** The cached answer, or null when none is fresh. */
  synchronized Optional<ReplicaMiss> get(String key, long nowMillis) {
    Entry e = entries.get(key);
    if (e == null || e.expiresAt() <= nowMillis) {
      return null;
    }
    return e.miss();
  }

  synchronized void put(String key, Optional<ReplicaMiss> miss, long nowMillis) {
    entries.put(key, new Entry(miss, nowMillis + (miss.isPresent() ? FOUND_MILLIS : ABSENT_MILLIS)));
  }
}
