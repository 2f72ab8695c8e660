package dev.meridian.core.replication;

import dev.meridian.core.manifest.BlobSource;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

/**
 * Write-anywhere pushes: a manifest PUT in this region that references a blob
 * uploaded to a peer (the global endpoint sent the uploads to A and the PUT to B) gets the blob
 * from the first peer, in seed order, that links it in the same repository. The bytes move by a
 * server-side copy ({@link dev.meridian.core.storage.ObjectStore#copyFrom}), exactly as the
 * fan-out would move them later, then {@code putBlob} and {@code linkBlob} index it here.
 *
 * <p>Only a link in the <em>same</em> repository counts: the spec's rule is that a manifest may
 * reference only blobs of its repository, and a peer's link is that same fact recorded elsewhere.
 * The copy lands under {@code blobs/}, which replication ignores (blobs travel as dependencies),
 * so it starts no fan-out. A peer that cannot be read is skipped; if no peer has the blob the
 * PUT fails with {@code MANIFEST_BLOB_UNKNOWN} as before.
 */
public final class PeerBlobFetcher implements BlobSource {
  private static final System.Logger LOG = System.getLogger(PeerBlobFetcher.class.getName());

  private final ReplicaSet replicas;
  private final Region self;
  private final Clock clock;

  private PeerBlobFetcher(ReplicaSet replicas, Region self, Clock clock) {
    this.replicas = replicas;
    this.self = self;
    this.clock = clock;
  }

  /** The source for region {@code selfSeed}; {@link BlobSource#NONE} when it has no peers. */
  public static BlobSource of(ReplicaSet replicas, Seed selfSeed, Clock clock) {
    Region self = replicas.region(selfSeed);
    return replicas.peersOf(selfSeed).isEmpty() ? BlobSource.NONE
        : new PeerBlobFetcher(replicas, self, clock);
  }

  @Override
  public boolean obtain(RepositoryName repository, Digest digest) {
    for (Region peer : replicas.peersOf(self.seed())) {
      try {
        if (peer.index().linkedBlobSize(repository, digest).isPresent()
            && copyFrom(peer, repository, digest)) {
          return true;
        }
      } catch (StorageException e) {
        LOG.log(Level.WARNING, "{0}: cannot obtain {1} from {2}: {3}", self.name(), digest,
            peer.name(), e.toString());
      }
    }
    return false;
  }

  private boolean copyFrom(Region peer, RepositoryName repository, Digest digest) {
    String key = StorageLayout.blob(digest);
    Optional<ObjectInfo> here = self.objects().head(key);
    if (here.isEmpty()) {
      if (peer.objects().head(key).isEmpty()) {
        return false; // linked there but its bytes are gone: not a source
      }
      self.objects().copyFrom(peer.objects(), key);
      here = self.objects().head(key);
    }
    long size = here.orElseThrow(() -> new StorageException("copied blob vanished: " + key))
        .size();
    self.index().putBlob(new BlobRecord(digest, size, clock.instant()));
    self.index().linkBlob(repository, digest, size);
    LOG.log(Level.INFO, "{0}: obtained {1} for {2} from {3}", self.name(), digest, repository,
        peer.name());
    return true;
  }
}
