package dev.meridian.local;

import dev.meridian.core.api.RegistrySettings.BlobDelivery;
import dev.meridian.local.replication.ReplicationOptions;
import java.nio.file.Path;

/**
 * How to start the local runtime (the command-line flags of {@code meridian-local.jar}).
 *
 * @param port the global endpoint's port; regions listen on port+1, port+2, …; 0 picks free ports
 * @param regionsFile the regions file, or null for the default three regions
 * @param dataDir where data persists (ignored when ephemeral)
 * @param ephemeral keep everything in memory
 * @param blobDelivery blob GETs redirect to presigned URLs (default) or stream
 * @param replication reconcile interval and notification faults (default: 30 s, no faults)
 */
public record LocalOptions(int port, Path regionsFile, Path dataDir, boolean ephemeral,
    BlobDelivery blobDelivery, ReplicationOptions replication) {

  public LocalOptions {
    replication = replication == null ? ReplicationOptions.defaults() : replication;
  }

  public LocalOptions(
      int port, Path regionsFile, Path dataDir, boolean ephemeral, BlobDelivery blobDelivery) {
    this(port, regionsFile, dataDir, ephemeral, blobDelivery, ReplicationOptions.defaults());
  }

  /** In-memory, free ports, default regions: what tests use. */
  public static LocalOptions ephemeralOnFreePorts() {
    return new LocalOptions(0, null, null, true, BlobDelivery.REDIRECT);
  }

  public LocalOptions withBlobDelivery(BlobDelivery delivery) {
    return new LocalOptions(port, regionsFile, dataDir, ephemeral, delivery, replication);
  }

  public LocalOptions withReplication(ReplicationOptions options) {
    return new LocalOptions(port, regionsFile, dataDir, ephemeral, blobDelivery, options);
  }
}
