package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.time.Duration;
import java.time.Instant;

/**
 * The part of a region's index that garbage collection and pushes synchronise on
 * (docs/lifecycle.md "Why a push never loses a blob to GC"). Each blob has one claim item beside
 * its record, and every transition is a conditional write on that one item:
 *
 * <pre>
 *   push:  claim       lastUsed := now, condemned and deleting removed;
 *                      refused while a GC run is deleting the blob (not stale)
 *   GC:    condemn     condemned := run, iff not condemned, not deleting, lastUsed &lt; cutoff
 *   GC:    commit      deleting := run, iff condemned == run      (then the object is deleted)
 *   GC:    forget      the record and the claim item go           (after the object)
 * </pre>
 *
 * A push claims a blob before it links it, mounts it, completes an upload of it or stores a
 * manifest naming it; a claim after a condemnation removes it, so the run's commit fails and the
 * blob stays. A claim after the commit is refused, and the push treats the blob as absent. A
 * deletion left half done (the GC died between commit and forget) is stale after {@link
 * #STALE_DELETION}, longer than any function may run, and a claim then takes the blob over.
 */
public interface BlobGcIndex {

  /** After this, a {@code deleting} mark belongs to a run that can no longer act (Lambda's 15 min). */
  Duration STALE_DELETION = Duration.ofMinutes(15);

  /** The three conditional transitions of a blob's claim item, one atomic write each. */
  interface Claims {
    /** Marks the blob used at {@code now}; false while a GC run is deleting it. */
    boolean claim(Digest digest, Instant now);

    /**
     * Condemns the blob for run {@code runId} iff no run holds it and it was not claimed at or
     * after {@code unusedBefore}; returns whether it was condemned.
     */
    boolean condemn(Digest digest, String runId, Instant unusedBefore);

    /** Turns run {@code runId}'s condemnation into a deletion iff it still stands. */
    boolean commit(Digest digest, String runId, Instant now);
  }

  /** The claim items of this index. */
  Claims blobClaims();

  default boolean claimBlob(Digest digest, Instant now) {
    return blobClaims().claim(digest, now);
  }

  default boolean condemnBlob(Digest digest, String runId, Instant unusedBefore) {
    return blobClaims().condemn(digest, runId, unusedBefore);
  }

  default boolean commitBlobDeletion(Digest digest, String runId, Instant now) {
    return blobClaims().commit(digest, runId, now);
  }

  /** Removes the blob's record and claim item (its object is already deleted). */
  void forgetBlob(Digest digest);

  /** The repository's blob links in digest order after {@code after} (null: from the start). */
  Page<BlobLink> listBlobLinks(RepositoryName repository, Digest after, int limit);
}
