package dev.meridian.core.replication;

import dev.meridian.core.storage.StorageException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Mutual exclusion per key within one process, holding nothing for keys nobody works on. The
 * replicate workers fan out a manifest and the tag record that points at it at the same moment,
 * and the arriving region applies both at once; unserialized, both copied and indexed the
 * manifest's blobs, doubling the bucket and table calls (bench/notes.md). Correctness never
 * depends on it: every step is idempotent, and instances on AWS do not share it.
 *
 * <p>A caller holds at most one key at a time, so no two callers can wait for each other.
 */
final class KeyedLocks {

  private final ConcurrentHashMap<String, Object> held = new ConcurrentHashMap<>();

  /** Runs {@code body} while no other caller runs one for {@code key}. */
  <T> T with(String key, Supplier<T> body) {
    Object mine = new Object();
    while (true) {
      Object other = held.putIfAbsent(key, mine);
      if (other == null) {
        break;
      }
      awaitRelease(key, other);
    }
    try {
      return body.get();
    } finally {
      held.remove(key, mine);
      synchronized (mine) {
        mine.notifyAll();
      }
    }
  }

  /** Whether some caller runs a body for {@code key} now (tests). */
  boolean busy(String key) {
    return held.containsKey(key);
  }

  private void awaitRelease(String key, Object other) {
    synchronized (other) {
      // The holder removes its entry before it takes this monitor to notify, so checking under
      // the monitor cannot miss the release.
      while (held.get(key) == other) {
        try {
          other.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException("interrupted while waiting to apply " + key, e);
        }
      }
    }
  }
}
