package dev.meridian.core.lifecycle.gc;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one scan found collectable in a region ({@link ReferenceScan}).
 *
 * @param blobs unreferenced blobs past the grace period, with their sizes
 * @param manifests manifest objects of deleted manifests no region holds any more
 * @param linkedBy for each collectable blob, the repositories that still link it
 * @param manifestsSeen manifest objects in the bucket
 * @param blobsSeen blob objects in the bucket
 * @param adopted blob objects that had no index record (now recorded, collected a grace later)
 */
public record GcPlan(List<Candidate> blobs, List<ManifestCandidate> manifests,
    Map<Digest, Set<RepositoryName>> linkedBy, int manifestsSeen, int blobsSeen, int adopted) {

  public GcPlan {
    blobs = List.copyOf(blobs);
    manifests = List.copyOf(manifests);
    linkedBy = Map.copyOf(linkedBy);
  }

  /** A blob to delete. */
  public record Candidate(Digest digest, long size) {}

  /** A manifest object to delete. */
  public record ManifestCandidate(RepositoryName repository, Digest digest, long size) {}

  public long blobBytes() {
    return blobs.stream().mapToLong(Candidate::size).sum();
  }

  public long manifestBytes() {
    return manifests.stream().mapToLong(ManifestCandidate::size).sum();
  }
}
