package dev.meridian.core.lifecycle.quota;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;

/** What a push asks before storing bytes in a repository (docs/lifecycle.md "Quotas"). */
public interface QuotaGate {

  /** Admits everything. */
  QuotaGate NONE = (repository, digest, bytes) -> {};

  /**
   * Refuses, with a {@code 413 DENIED} OCI error naming the quota, to add a blob of {@code
   * bytes} to {@code repository}; {@code digest} null when not known yet. A blob the repository
   * links already adds nothing (each blob counts once per repository).
   */
  void admit(RepositoryName repository, Digest digest, long bytes);
}
