package dev.meridian.local.runtime;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.oci.Hex;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.storage.FileSync;
import dev.meridian.local.storage.S3Server;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two storage services every region shares, as on AWS: DynamoDB Local (one table per region)
 * and s3proxy (one bucket per region). They start in the background, in parallel with the
 * regions' Spring contexts (DynamoDB Local is the slow one).
 *
 * <p>Data layout when persistent: {@code <data-dir>/dynamodb/} (DynamoDB Local's SQLite files)
 * and {@code <data-dir>/s3/<bucket>/<key>} (s3proxy's filesystem store).
 *
 * <p>Credentials: the access key id is fixed, because DynamoDB Local files its data under it (see
 * {@link DynamoDbLocalServer}); the secret is new on every start, and s3proxy checks SigV4 with it.
 */
public final class StorageServers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StorageServers.class);
  static final String ACCESS_KEY_ID = "meridianlocal";
  /** The AWS region every local client signs for; regions are kept apart by table and bucket. */
  static final String SIGNING_REGION = "us-east-1";

  private final CompletableFuture<DynamoDbLocalServer> dynamoDb;
  private final CompletableFuture<S3Server> s3;
  private final URI dynamoDbEndpoint;
  private final URI s3Endpoint;
  private final String secretAccessKey;

  private StorageServers(CompletableFuture<DynamoDbLocalServer> dynamoDb,
      CompletableFuture<S3Server> s3, URI dynamoDbEndpoint, URI s3Endpoint, String secretAccessKey) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
    this.dynamoDbEndpoint = dynamoDbEndpoint;
    this.s3Endpoint = s3Endpoint;
    this.secretAccessKey = secretAccessKey;
  }

  /**
   * Starts both servers in the background, in memory when {@code dataDir} is null (tests); ports and
   * credentials are fixed at once, so regions can be configured while the servers start. {@link
   * #awaitStarted} waits for both. s3proxy's blob store is decorated by {@code wrapBlobStore}.
   */
  public static StorageServers launch(DataDirectory dataDir,
      UnaryOperator<BlobStore> wrapBlobStore) {
    return launch(dataDir == null ? null : dataDir.directory("dynamodb"),
        dataDir == null ? null : dataDir.directory("s3"), FileSync.DATA, wrapBlobStore);
  }

  /**
   * {@code --ephemeral}: objects as files in {@code dir} (not in the heap; see {@link
   * EphemeralDirectory}), unsynced; DynamoDB Local in memory (metadata only: a few KiB per image).
   */
  public static StorageServers launchEphemeral(EphemeralDirectory dir,
      UnaryOperator<BlobStore> wrapBlobStore) {
    return launch(null, dir.directory("s3"), FileSync.NONE, wrapBlobStore);
  }

  private static StorageServers launch(Path dynamoDir, Path s3Dir, FileSync sync,
      UnaryOperator<BlobStore> wrapBlobStore) {
    byte[] secret = new byte[20];
    new SecureRandom().nextBytes(secret);
    String secretAccessKey = Hex.encode(secret);
    int dynamoPort = FreePorts.pick();
    int s3Port = distinctPort(dynamoPort);
    long t0 = System.nanoTime();
    CompletableFuture<DynamoDbLocalServer> dynamo = async(() ->
        DynamoDbLocalServer.start(dynamoDir, dynamoPort, ACCESS_KEY_ID, SIGNING_REGION));
    CompletableFuture<S3Server> s3 = async(() -> S3Server.start(s3Dir, s3Port, ACCESS_KEY_ID, secretAccessKey, wrapBlobStore,
        sync));
    CompletableFuture.allOf(dynamo, s3).whenComplete((ok, failed) -> LOG.info(
        "DynamoDB Local on port {}, s3proxy on port {}: {} in {} ms", dynamoPort, s3Port,
        failed == null ? "started" : "failed", (System.nanoTime() - t0) / 1_000_000));
    return new StorageServers(dynamo, s3, URI.create("http://127.0.0.1:" + dynamoPort),
        URI.create("http://127.0.0.1:" + s3Port), secretAccessKey);
  }

  /** A free port other than {@code taken}: two picks in a row returned the same port once. */
  private static int distinctPort(int taken) {
    int port = FreePorts.pick();
    for (int attempt = 0; port == taken && attempt < 10; attempt++) {
      port = FreePorts.pick();
    }
    return port;
  }

  /** Waits until both servers accept requests; throws if either failed (after stopping both). */
  public void awaitStarted() throws Exception {
    try {
      CompletableFuture.allOf(dynamoDb, s3).join();
    } catch (CompletionException e) {
      close();
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /**
   * The properties a region's functions get: its names and this runtime's endpoints. The tag
   * cache is on: in this runtime one process serves the region and applies every tag change.
   */
  public MeridianProperties regionProperties(String registry, RegionSpec region,
      BlobDelivery delivery, String regionEndpoints, String uploadSigningKey,
      Duration uploadTtl) {
    String name = registry + "-" + region.name();
    return new MeridianProperties(registry, region.name(), region.seed().value(), name, name, delivery,
        Duration.ofMinutes(20), SIGNING_REGION, s3Endpoint, dynamoDbEndpoint, ACCESS_KEY_ID,
        secretAccessKey, regionEndpoints, uploadSigningKey, true, uploadTtl);
  }

  /** Stops both servers (waiting for a start in progress to end first). */
  @Override
  public void close() {
    stopWhenStarted(s3);
    stopWhenStarted(dynamoDb);
  }

  private static void stopWhenStarted(CompletableFuture<? extends AutoCloseable> server) {
    AutoCloseable started;
    try {
      started = server.join();
    } catch (CompletionException | CancellationException e) {
      return; // it never started: nothing to stop
    }
    closeQuietly(started);
  }

  private interface Starter<T> {
    T start() throws Exception;
  }

  /** Runs on its own thread: the common pool has one thread on a 2-core machine. */
  private static <T> CompletableFuture<T> async(Starter<T> starter) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return starter.start();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, task -> {
      Thread t = new Thread(task, "meridian-storage-start");
      t.setDaemon(true);
      t.start();
    });
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
