package dev.meridian.local;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.replication.ReplicationOptions;
import dev.meridian.local.runtime.GlobalRouter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start the local runtime (the command-line flags of {@code meridian-local.jar}).
 *
 * @param port the global endpoint's port; regions listen on port+1, port+2, …; 0 picks free ports
 * @param regionsFile the regions file, or null for the default three regions
 * @param dataDir where data persists (ignored when ephemeral)
 * @param ephemeral keep everything in memory
 * @param blobDelivery blob GETs redirect to presigned URLs (default) or stream
 * @param routing how the global endpoint picks a region ({@link GlobalRouter})
 * @param clientMap the client → region map file for {@code MAP} routing, or null (every client
 *     goes to the first region)
 * @param replication reconcile interval and notification faults (default: 30 s, no faults)
 * @param auth the bootstrap password and rate limit (default: from the environment)
 * @param uploadTtl idle time after which an upload session expires and, one more TTL later, is
 *     swept with its parts (default 24 h; {@code MERIDIAN_UPLOAD_TTL} on AWS)
 * @param front what serves each region's HTTP API: the function beans called directly (default),
 *     or the API Gateway HTTP API emulator in front of the Lambda entry points ({@code --front
 *     lambda}, docs/aws.md)
 */
public record LocalOptions(
    int port, Path regionsFile, Path dataDir, boolean ephemeral, BlobDelivery blobDelivery,
    GlobalRouter.Mode routing, Path clientMap, ReplicationOptions replication, AuthOptions auth,
    Duration uploadTtl, Front front) {

  /** What serves each region's HTTP API. */
  public enum Front {
    /** The function beans, called directly by the local HTTP front. */
    DIRECT,
    /** API Gateway's HTTP API (routes from template.yaml, its limits) before FunctionInvoker. */
    LAMBDA
  }

  public LocalOptions {
    front = front == null ? Front.DIRECT : front;
    routing = routing == null ? GlobalRouter.Mode.MAP : routing;
    replication = replication == null ? ReplicationOptions.defaults() : replication;
    auth = auth == null ? AuthOptions.fromEnvironment() : auth;
    uploadTtl = uploadTtl == null ? MeridianProperties.DEFAULT_UPLOAD_TTL : uploadTtl;
  }

  public LocalOptions(int port, Path regionsFile, Path dataDir, boolean ephemeral,
      BlobDelivery blobDelivery, GlobalRouter.Mode routing, Path clientMap,
      ReplicationOptions replication, AuthOptions auth, Duration uploadTtl) {
    this(port, regionsFile, dataDir, ephemeral, blobDelivery, routing, clientMap, replication,
        auth, uploadTtl, null);
  }

  public LocalOptions(int port, Path regionsFile, Path dataDir, boolean ephemeral,
      BlobDelivery blobDelivery, GlobalRouter.Mode routing, Path clientMap,
      ReplicationOptions replication, AuthOptions auth) {
    this(port, regionsFile, dataDir, ephemeral, blobDelivery, routing, clientMap, replication,
        auth, null);
  }

  public LocalOptions(int port, Path regionsFile, Path dataDir, boolean ephemeral,
      BlobDelivery blobDelivery, GlobalRouter.Mode routing, Path clientMap,
      ReplicationOptions replication) {
    this(port, regionsFile, dataDir, ephemeral, blobDelivery, routing, clientMap, replication,
        null);
  }

  /** The basic options: MAP routing without a map (the first region), default replication. */
  public LocalOptions(int port, Path regionsFile, Path dataDir, boolean ephemeral,
      BlobDelivery blobDelivery) {
    this(port, regionsFile, dataDir, ephemeral, blobDelivery, GlobalRouter.Mode.MAP, null,
        ReplicationOptions.defaults());
  }

  /** In-memory, free ports, default regions: what tests use. */
  public static LocalOptions ephemeralOnFreePorts() {
    return new LocalOptions(0, null, null, true, BlobDelivery.REDIRECT);
  }

  public LocalOptions withBlobDelivery(BlobDelivery delivery) {
    return new LocalOptions(port, regionsFile, dataDir, ephemeral, delivery, routing, clientMap,
        replication, auth, uploadTtl, front);
  }

  /** The global endpoint's routing: a client map (null: none) or bounce. */
  public LocalOptions withRouting(GlobalRouter.Mode mode, Path map) {
    return new LocalOptions(port, regionsFile, dataDir, ephemeral, blobDelivery, mode, map,
        replication, auth, uploadTtl, front);
  }

  public LocalOptions withReplication(ReplicationOptions options) {
    return new LocalOptions(port, regionsFile, dataDir, ephemeral, blobDelivery, routing,
        clientMap, options, auth, uploadTtl, front);
  }

  public LocalOptions withAuth(AuthOptions options) {
    return new LocalOptions(port, regionsFile, dataDir, ephemeral, blobDelivery, routing,
        clientMap, replication, options, uploadTtl, front);
  }

  public LocalOptions withUploadTtl(Duration ttl) {
    return new LocalOptions(port, regionsFile, dataDir, ephemeral, blobDelivery, routing,
        clientMap, replication, auth, ttl, front);
  }

  public LocalOptions withFront(Front f) {
    return new LocalOptions(port, regionsFile, dataDir, ephemeral, blobDelivery, routing,
        clientMap, replication, auth, uploadTtl, f);
  }

  /** Sets the bootstrap {@code admin} password (tests and scripts). */
  public LocalOptions withBootstrapPassword(String password) {
    return withAuth(auth.withBootstrapPassword(password));
  }
}
