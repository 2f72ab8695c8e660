package dev.meridian.core.replication;

import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.Version;

/**
 * What a region's serving process must hear when replication changes its index behind its back:
 * tag caches are dropped (docs/architecture.md: tag resolution is never served from a cache that a
 * replicated tag update did not invalidate) and the hybrid logical clock observes the version.
 */
public interface ReplicationListener {

  void tagChanged(RepositoryName repository, String tag, Version version);

  void manifestDeleted(RepositoryName repository, Digest digest);

  /**
   * Whether a peer's tag record may be applied here: locks and immutable tags may keep it out
   * (and restore the state they protect). True unless the serving process says otherwise.
   */
  default boolean admitsTag(RepositoryName repository, TagRecord record) {
    return true;
  }

  /** Wires the hooks of the manifest service serving this region in the same process. */
  static ReplicationListener of(ManifestService manifests) {
    return new ReplicationListener() {
      @Override
      public void tagChanged(RepositoryName repository, String tag, Version version) {
        manifests.versionObserved(version);
        manifests.tagChanged(repository, tag);
      }

      @Override
      public void manifestDeleted(RepositoryName repository, Digest digest) {
        manifests.manifestDeleted(repository, digest);
      }

      @Override
      public boolean admitsTag(RepositoryName repository, TagRecord record) {
        return manifests.admitsArrivingTag(repository, record);
      }
    };
  }

  /**
   * For a process that serves no pulls (the {@code replicate} Lambda, whose siblings run with the
   * tag cache off, see {@code RegistrySettings.tagCache}).
   */
  static ReplicationListener none() {
    return new ReplicationListener() {
      @Override
      public void tagChanged(RepositoryName repository, String tag, Version version) {}

      @Override
      public void manifestDeleted(RepositoryName repository, Digest digest) {}
    };
  }
}
