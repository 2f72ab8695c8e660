package dev.meridian.core.lifecycle.rules;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;

/**
 * Port: content that lifecycle rules protect from garbage collection — a locked manifest or
 * repository, a soft-deleted manifest still inside its restore window
 * (docs/retention-and-locks.md). GC asks it about every manifest it would collect: a retained
 * manifest's object stays and the blobs it references count as referenced. {@link #NONE} protects
 * nothing beyond what the index and the replication state already protect.
 */
public interface Retained {

  /** Protects nothing. */
  Retained NONE = (repository, digest) -> false;

  /** Whether the manifest {@code digest} of {@code repository} must survive garbage collection. */
  boolean manifestRetained(RepositoryName repository, Digest digest);
}
