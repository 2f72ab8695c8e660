package dev.meridian.core.builds;

import dev.meridian.core.naming.Seed;

/**
 * Issues the sequence numbers of one region's runs (its counter item). Implementations guarantee
 * that no number is ever issued twice for the same counter — across threads, processes, retries
 * and crashes — and that a number is issued only after every number issued before it (in real
 * time) is smaller: sequences follow enqueue order. Numbers may be skipped (a crash or a lost
 * response between reserving and using them leaves a gap); that is allowed.
 */
public interface RunIdAllocator {

  /** The seed of the region whose counter this is. */
  Seed seed();

  /**
   * Reserves {@code count} consecutive numbers and returns the first; the caller owns {@code
   * first .. first + count - 1}.
   *
   * @throws dev.meridian.core.storage.StorageException when the counter cannot be reached; the
   *     numbers may or may not have been consumed (a gap), never handed to anyone else
   */
  long reserve(int count);

  /** One run ID. */
  default RunId allocate() {
    return new RunId(seed(), reserve(1));
  }
}
