package dev.meridian.core.storage;

/**
 * A tag's record in one region's index with what is known to be on its way to it, read together
 * (one item, one read): {@code pending} is null unless a newer version than {@code record}'s has
 * been announced by its origin and not applied here yet.
 */
public record TagState(TagRecord record, PendingTag pending) {

  /** The pending mark, only while it is newer than the record (a stale mark is no mark). */
  public PendingTag newerPending() {
    return pending != null && pending.version().isNewerThan(record.version()) ? pending : null;
  }
}
