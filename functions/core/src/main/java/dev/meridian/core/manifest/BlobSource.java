package dev.meridian.core.manifest;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;

/**
 * Where a manifest PUT gets a referenced blob that this region's repository does not link yet
 * (write-anywhere pushes). Behind a global endpoint that changes region between
 * requests (Traffic Manager, Azure/acr#588) a client uploads the layers to region A and PUTs the
 * manifest in region B before replication has moved anything; refusing it with {@code
 * MANIFEST_BLOB_UNKNOWN} would fail a push whose content the registry does hold.
 *
 * <p>{@link ManifestStore} only asks; the replication package's {@code PeerBlobFetcher} answers
 * from the replica set. A region without peers uses {@link #NONE}.
 */
@FunctionalInterface
public interface BlobSource {

  /** No peers: nothing can be obtained, a missing blob stays missing. */
  BlobSource NONE = (repository, digest) -> false;

  /**
   * Makes {@code digest} linked in {@code repository} in this region if a peer region links it
   * there (bytes copied server-side, then indexed). Returns whether it is now linked here.
   */
  boolean obtain(RepositoryName repository, Digest digest);
}
