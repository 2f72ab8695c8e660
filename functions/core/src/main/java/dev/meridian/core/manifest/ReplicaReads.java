package dev.meridian.core.manifest;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Reference;
import dev.meridian.core.oci.RepositoryName;
import java.net.URI;
import java.util.Optional;

/**
 * What a pull in this region may learn from the other regions: where missing content
 * is, the manifest and blobs of it for a read-through, and the {@code onMiss} setting. {@link
 * ManifestEndpoints} only asks; the replication package's {@code PeerReads} answers from the
 * replica set. A region without peers uses {@link #NONE}: a miss is a plain miss.
 */
public interface ReplicaReads {

  /** No peers: nothing is elsewhere. */
  ReplicaReads NONE = new ReplicaReads() {
    @Override
    public Optional<ReplicaMiss> explain(RepositoryName repository, Reference reference) {
      return Optional.empty();
    }

    @Override
    public Optional<byte[]> fetchManifest(RepositoryName repository, ReplicaMiss miss) {
      return Optional.empty();
    }

    @Override
    public Optional<PeerBlob> blob(RepositoryName repository, Digest digest) {
      return Optional.empty();
    }

    @Override
    public OnMiss onMiss(RepositoryName repository) {
      return OnMiss.REPORT;
    }

    @Override
    public String regionName(Seed seed) {
      return seed.value();
    }
  };

  /**
   * Where {@code reference}, missing here, is among the other regions; empty when nowhere (a true
   * miss). Bounded in time and cached briefly, so a storm of misses costs one check.
   */
  Optional<ReplicaMiss> explain(RepositoryName repository, Reference reference);

  /**
   * The manifest's exact bytes from {@code miss.source()} (read-through); moves its replication
   * here to the front. Empty when that region no longer holds it.
   */
  Optional<byte[]> fetchManifest(RepositoryName repository, ReplicaMiss miss);

  /** A blob the repository links in another region, for a read-through; empty when none does. */
  Optional<PeerBlob> blob(RepositoryName repository, Digest digest);

  /** The repository's setting, else the registry's, else {@link OnMiss#REPORT}. */
  OnMiss onMiss(RepositoryName repository);

  /** A region's name by seed ({@code aa} → {@code eastus}); the seed itself when unknown. */
  String regionName(Seed seed);

  /**
   * A blob held by region {@code region}: its size, and a presigned GET URL there (null when that
   * region's store cannot presign; then {@code open} streams it).
   */
  record PeerBlob(String region, long size, URI url, java.util.function.Supplier<
      dev.meridian.core.storage.ObjectContent> open) {}
}
