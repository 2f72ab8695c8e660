package dev.meridian.local.replication;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.time.Duration;

/** The runtime the replication end-to-end tests start, and its stop. */
final class ReplicationRuntimes {
  private ReplicationRuntimes() {}

  /**
   * Ephemeral, on free ports, blobs streamed (no presigned redirects to follow), no faults, and
   * reconcile only on demand ({@code reconcileAll()}), so a test decides when repairs happen.
   */
  static LocalRuntime onDemand() {
    return LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
        .withBlobDelivery(BlobDelivery.STREAM)
        .withReplication(new ReplicationOptions(Duration.ZERO, FaultPlan.none())));
  }

  static void stop(LocalRuntime runtime) {
    if (runtime != null) {
      runtime.close();
    }
  }
}
