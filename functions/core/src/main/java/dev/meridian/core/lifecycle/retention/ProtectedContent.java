package dev.meridian.core.lifecycle.retention;

import dev.meridian.core.lifecycle.rules.LifecycleConfig;
import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.lifecycle.softdelete.DeletedManifests;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.TagRecord;
import java.util.List;

/**
 * The question garbage collection and retention ask before removing a manifest: is it protected?
 * A manifest is protected when a lock keeps it — its repository's or its own lock has writes or
 * deletes off, or a write- or delete-locked tag points at it (or is pinned to it) — or when it is a
 * deleted manifest still restorable under the soft-delete policy (its bytes must survive the
 * window). The answer depends only on replicated configuration and records, so every region
 * gives the same one (docs/retention-and-locks.md "What garbage collection keeps").
 */
public final class ProtectedContent {
  private final LifecycleConfig config;
  private final MetadataIndex index;
  private final DeletedManifests deleted;

  public ProtectedContent(LifecycleConfig config, MetadataIndex index, DeletedManifests deleted) {
    this.config = config;
    this.index = index;
    this.deleted = deleted;
  }

  public boolean isProtected(RepositoryName repository, Digest digest) {
    return lockedBy(config.locks(), repository, digest)
        || (deleted != null && deleted.restorable(repository, digest));
  }

  /** {@link #isProtected} for many manifests against one reading of the locks. */
  public boolean isLocked(List<Lock> locks, RepositoryName repository, Digest digest) {
    return lockedBy(locks, repository, digest);
  }

  private boolean lockedBy(List<Lock> locks, RepositoryName repository, Digest digest) {
    List<Lock> keeping = locks.stream()
        .filter(l -> l.repository().equals(repository))
        .filter(l -> !l.writeEnabled() || !l.deleteEnabled())
        .toList();
    if (keeping.isEmpty()) {
      return false;
    }
    for (Lock l : keeping) {
      if (l.isRepository() || digest.equals(l.digest()) || digest.equals(l.pinned())) {
        return true;
      }
    }
    List<String> lockedTags = keeping.stream().filter(l -> l.tag() != null).map(Lock::tag).toList();
    return !lockedTags.isEmpty() && index.tagsPointingTo(repository, digest).stream()
        .map(TagRecord::tag).anyMatch(lockedTags::contains);
  }
}
