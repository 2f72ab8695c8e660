package dev.meridian.local.runtime;

import dev.meridian.app.MeridianProperties;
import dev.meridian.core.api.RegistrySettings.BlobDelivery;
import dev.meridian.core.oci.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two storage services every region shares, as on AWS: DynamoDB Local (one table per region)
 * and s3proxy (one bucket per region). They start in parallel (DynamoDB Local is the slow one).
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

  private final DynamoDbLocalServer dynamoDb;
  private final S3Server s3;
  private final String secretAccessKey;

  private StorageServers(DynamoDbLocalServer dynamoDb, S3Server s3, String secretAccessKey) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
    this.secretAccessKey = secretAccessKey;
  }

  /** Starts both servers, in memory when {@code dataDir} is null. */
  public static StorageServers start(Path dataDir) throws Exception {
    Path dynamoDir = dataDir == null ? null : directory(dataDir.resolve("dynamodb"));
    Path s3Dir = dataDir == null ? null : directory(dataDir.resolve("s3"));
    byte[] secret = new byte[20];
    new SecureRandom().nextBytes(secret);
    String secretAccessKey = Hex.encode(secret);
    long t0 = System.nanoTime();
    CompletableFuture<DynamoDbLocalServer> dynamo = CompletableFuture.supplyAsync(() -> {
      try {
        return DynamoDbLocalServer.start(dynamoDir);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    S3Server s3;
    try {
      s3 = S3Server.start(s3Dir, ACCESS_KEY_ID, secretAccessKey);
    } catch (Exception e) {
      dynamo.thenAccept(StorageServers::closeQuietly);
      throw e;
    }
    DynamoDbLocalServer dynamoDb;
    try {
      dynamoDb = dynamo.join();
    } catch (CompletionException e) {
      closeQuietly(s3);
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    LOG.info("DynamoDB Local at {}, s3proxy at {} ({} ms)", dynamoDb.endpoint(), s3.endpoint(),
        (System.nanoTime() - t0) / 1_000_000);
    return new StorageServers(dynamoDb, s3, secretAccessKey);
  }

  /** The properties a region's functions get: its names and this runtime's endpoints. */
  public MeridianProperties regionProperties(String registry, RegionSpec region, BlobDelivery delivery) {
    String name = registry + "-" + region.name();
    return new MeridianProperties(registry, region.name(), region.seed(), name, name, delivery,
        Duration.ofMinutes(20), SIGNING_REGION, s3.endpoint(), dynamoDb.endpoint(), ACCESS_KEY_ID,
        secretAccessKey);
  }

  @Override
  public void close() {
    closeQuietly(s3);
    closeQuietly(dynamoDb);
  }

  private static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
