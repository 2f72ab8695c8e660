package dev.meridian.core.lifecycle.locks;

import dev.meridian.core.lifecycle.rules.ImmutableTagRule;
import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.Version;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a guarded tag must point at, as a function of the set of its records alone (never of the
 * order they arrived in), so every region that holds the same records agrees
 * (docs/retention-and-locks.md "Who wins"):
 *
 * <ul>
 *   <li>{@link Pinned}: a tag lock with writes off holds the digest the tag had when it was locked
 *       — the newest record with that digest (or a tombstone, when deletes stay enabled) wins; a
 *       push that raced the lock's placement loses, whatever its version;
 *   <li>{@link Immutable}: under an immutability rule the first push wins — records older than the
 *       rule apply by version as before; after it, a record pointing elsewhere than the live
 *       state is ignored, a tombstone clears the tag, and the next push sets it again.
 * </ul>
 */
sealed interface TagPolicy {

  /** The state the tag converges on; null when no record says anything (nothing to enforce). */
  TagRecord winner(List<TagRecord> records);

  record Pinned(Lock lock) implements TagPolicy {
    @Override
    public TagRecord winner(List<TagRecord> records) {
      TagRecord best = null;
      for (TagRecord r : records) {
        boolean admissible = r.isDeleted() ? lock.deleteEnabled() : r.digest().equals(lock.pinned());
        if (admissible && (best == null || r.version().isNewerThan(best.version()))) {
          best = r;
        }
      }
      return best != null ? best : TagRecord.pointing(lock.tag(), lock.pinned(), lock.version());
    }
  }

  record Immutable(ImmutableTagRule rule) implements TagPolicy {
    @Override
    public TagRecord winner(List<TagRecord> records) {
      List<TagRecord> sorted = records.stream()
          .sorted(Comparator.comparing(TagRecord::version)).toList();
      Version since = rule.version();
      TagRecord state = null;
      for (TagRecord r : sorted) {
        boolean beforeRule = since != null && since.isNewerThan(r.version());
        if (beforeRule || r.isDeleted() || state == null || state.isDeleted()
            || state.digest().equals(r.digest())) {
          state = r;
        }
      }
      return state;
    }
  }

  /** Whether two records leave the tag in the same state (the same digest, or both deleted). */
  static boolean sameState(TagRecord a, TagRecord b) {
    return a.isDeleted() == b.isDeleted() && Objects.equals(a.digest(), b.digest());
  }

  static Digest digestOf(TagRecord r) {
    return r == null || r.isDeleted() ? null : r.digest();
  }
}
