package dev.meridian.core.lifecycle.gc;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.BlobGcIndex;
import dev.meridian.core.storage.StorageException;
import java.time.Clock;
import java.time.Duration;

/**
 * Claims for the push paths that must not fail when a GC run is deleting the very blob they
 * bring (an upload completing with the bytes in hand): they wait for the run to finish its
 * deletion (milliseconds: commit, delete object, unlink, forget) and then claim the blob afresh.
 */
public final class BlobClaims {
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 25;

  private BlobClaims() {}

  /** Claims {@code digest}, waiting out a deletion in progress; fails after {@link #WAIT}. */
  public static void claimAwaitingDeletion(BlobGcIndex index, Digest digest, Clock clock) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!index.claimBlob(digest, clock.instant())) {
      if (System.nanoTime() > deadline) {
        throw new StorageException("blob " + digest + " is being garbage collected; retry");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted waiting for blob " + digest, e);
      }
    }
  }
}
