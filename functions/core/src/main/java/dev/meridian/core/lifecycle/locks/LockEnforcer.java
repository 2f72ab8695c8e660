package dev.meridian.core.lifecycle.locks;

import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.TagRecord;
import java.util.Optional;

/**
 * Makes this region's index agree with every write-locked tag's pin (docs/retention-and-locks.md
 * "Who wins"). A lock is stored in every region before its API call answers, but a push accepted
 * in another region just before the lock reached it may have moved the tag there; no record
 * arrives to trigger {@link LockRules#arbitrate} then, so this sweep runs with the lifecycle
 * schedule in every region (and at once in the region that placed the lock) and repins the tag
 * with a new, replicated record. Immutable tags need no sweep: the arrival of the record that
 * wins triggers the repair.
 */
public final class LockEnforcer {
  private final LockRules rules;
  private final MetadataIndex index;
  private final ManifestService manifests;

  public LockEnforcer(LockRules rules, MetadataIndex index, ManifestService manifests) {
    this.rules = rules;
    this.index = index;
    this.manifests = manifests;
  }

  /** Repins every write-locked tag whose index state differs from its pin; returns how many. */
  public int enforce() {
    LockRules.Snapshot s = rules.fresh();
    int repinned = 0;
    for (Lock lock : s.locks()) {
      if (lock.tag() == null || lock.writeEnabled() || lock.pinned() == null) {
        continue;
      }
      TagRecord required = rules.required(s, lock.repository(), lock.tag());
      Optional<TagRecord> held = index.getTag(lock.repository(), lock.tag());
      if (required == null || (held.isPresent() && TagPolicy.sameState(held.get(), required))) {
        continue;
      }
      manifests.repin(lock.repository(), Tag.parse(lock.tag()), TagPolicy.digestOf(required),
          held);
      repinned++;
    }
    return repinned;
  }
}
