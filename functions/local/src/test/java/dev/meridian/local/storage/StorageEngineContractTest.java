package dev.meridian.local.storage;

import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import dev.meridian.aws.s3.S3Buckets;
import dev.meridian.aws.s3.S3ObjectStore;
import dev.meridian.core.contract.ObjectStoreContract;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.local.runtime.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The object store contract against the local runtime's own storage engine: s3proxy over the
 * on-disk files with linked copies, single-part completion, durable writes and part files
 * ({@link S3Server} as the runtime starts it), through the same {@code S3ObjectStore} the
 * registry uses. The aws module runs the contract against a plain s3proxy; this one proves the
 * engine's shortcuts keep S3's semantics.
 */
class StorageEngineContractTest extends ObjectStoreContract {
  private static final String KEY = "contract";
  private static final String SECRET = "contract-secret";
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  @TempDir
  static Path dir;
  private static S3Server server;
  private static S3Client s3;
  private static S3Presigner presigner;

  @BeforeAll
  static void start() throws Exception {
    server = S3Server.start(Files.createDirectories(dir.resolve("s3")), FreePorts.pick(), KEY,
        SECRET, UnaryOperator.identity());
    AwsConnection connection = AwsConnection.local(server.endpoint(), "us-east-1", KEY, SECRET);
    s3 = AwsClients.s3(connection);
    presigner = AwsClients.s3Presigner(connection);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    presigner.close();
    server.close();
  }

  @Override
  protected ObjectStore createStore() {
    String bucket = "engine-" + BUCKETS.incrementAndGet();
    S3Buckets.createIfMissing(s3, bucket);
    return new S3ObjectStore(s3, presigner, bucket);
  }
}
