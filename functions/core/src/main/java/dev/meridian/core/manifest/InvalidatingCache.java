package dev.meridian.core.manifest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A bounded LRU cache (by weight, e.g. bytes) that a reader can never fill with a value older than
 * the last invalidation.
 *
 * <p>The race it closes: a reader loads an old value from the index, a writer updates the index
 * and invalidates, then the reader inserts the old value, which would stay forever. Protocol:
 * readers take {@link #stamp()} <em>before</em> loading and insert with {@link #putIfFresh}; writers
 * update the source of truth first and then call {@link #invalidate}. {@code putIfFresh} inserts
 * and then re-checks the invalidation counter, removing its own entry when any invalidation
 * happened since the stamp (one counter for all keys: coarse, but a missed insert only costs a
 * later reload).
 */
final class InvalidatingCache<K, V> {

  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final AtomicLong invalidations = new AtomicLong();
  private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long weight;

  InvalidatingCache(long maxWeight, ToLongFunction<V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  boolean enabled() {
    return maxWeight > 0;
  }

  /** Take before loading the value that will be inserted. */
  long stamp() {
    return invalidations.get();
  }

  synchronized V get(K key) {
    return entries.get(key);
  }

  /** Inserts {@code value} unless an invalidation happened after {@code stamp}. */
  void putIfFresh(K key, V value, long stamp) {
    long w = weigher.applyAsLong(value);
    if (!enabled() || w > maxWeight || invalidations.get() != stamp) {
      return;
    }
    synchronized (this) {
      V old = entries.put(key, value);
      weight += w - (old == null ? 0 : weigher.applyAsLong(old));
      evictOverweight();
    }
    if (invalidations.get() != stamp) {
      remove(key, value);
    }
  }

  /** Call after the source of truth changed for {@code key}. */
  void invalidate(K key) {
    invalidations.incrementAndGet();
    synchronized (this) {
      V old = entries.remove(key);
      if (old != null) {
        weight -= weigher.applyAsLong(old);
      }
    }
  }

  synchronized long weight() {
    return weight;
  }

  synchronized int size() {
    return entries.size();
  }

  private synchronized void remove(K key, V value) {
    if (entries.get(key) == value) {
      entries.remove(key);
      weight -= weigher.applyAsLong(value);
    }
  }

  private void evictOverweight() {
    Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
    while (weight > maxWeight && eldest.hasNext()) {
      weight -= weigher.applyAsLong(eldest.next().getValue());
      eldest.remove();
    }
  }
}
