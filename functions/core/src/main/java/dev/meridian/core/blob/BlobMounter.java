package dev.meridian.core.blob;

import dev.meridian.core.lifecycle.quota.QuotaGate;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.MetadataIndex;
import java.util.Optional;

/**
 * Cross-repository mount (spec end-11): links a blob that {@code from} links into another
 * repository without moving bytes (blobs are content-addressed and shared by the region).
 *
 * <p>Any failure to mount, including a malformed digest or repository name in the query, falls
 * back to a normal upload session: "If a mount fails due to invalid repository or digest
 * arguments, the registry will fall back to the standard upload behavior and return a 202".
 * {@code from} is required (the spec lets a registry treat it as optional; we don't, so a mount
 * never reveals a blob of a repository the client did not name).
 */
final class BlobMounter {
  private final MetadataIndex index;
  private final java.time.Clock clock;
  private final QuotaGate quotas;

  BlobMounter(MetadataIndex index, java.time.Clock clock, QuotaGate quotas) {
    this.index = index;
    this.clock = clock;
    this.quotas = quotas;
  }

  /** The mounted digest, or empty when the caller should open an upload session instead. */
  Optional<Digest> mount(RepositoryName target, String mountParam, String fromParam) {
    if (fromParam == null || !RepositoryName.isValid(fromParam) || !isDigest(mountParam)) {
      return Optional.empty();
    }
    Digest digest = Digest.parse(mountParam);
    RepositoryName from = RepositoryName.parse(fromParam);
    Optional<Long> size = index.linkedBlobSize(from, digest);
    // Claimed first: a blob a GC run is deleting cannot be mounted (docs/lifecycle.md).
    if (size.isEmpty() || !index.claimBlob(digest, clock.instant())
        || index.getBlob(digest).isEmpty()) {
      return Optional.empty();
    }
    quotas.admit(target, digest, size.get()); // refused outright: an upload would be too
    index.linkBlob(target, digest, size.get());
    return Optional.of(digest);
  }

  private static boolean isDigest(String text) {
    try {
      Digest.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
