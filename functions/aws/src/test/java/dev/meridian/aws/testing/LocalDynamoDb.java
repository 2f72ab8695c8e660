package dev.meridian.aws.testing;

import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import dev.meridian.aws.dynamodb.DynamoDbTables;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * One in-memory DynamoDB Local per test JVM (first start 1.5–2 s, stopped at exit), after the
 * SDK's own {@code LocalDynamoDb} test fixture. Without {@code -sharedDb} tables are kept apart by
 * (access key, region), so {@link #connection(String)} with distinct regions simulates regions.
 * Tests isolate themselves with {@link #newTable}.
 */
public final class LocalDynamoDb {

  // DynamoDB Local 2.x+ accepts only letters and digits in access keys.
  public static final String ACCESS_KEY = "meridiantest";
  public static final String SECRET_KEY = "meridiantestsecret";
  public static final String REGION = "us-east-1";

  private static LocalDynamoDb shared;

  private final DynamoDBProxyServer server;
  private final URI endpoint;
  private final DynamoDbClient client;
  private final AtomicInteger tables = new AtomicInteger();

  private LocalDynamoDb() throws Exception {
    int port = FreePort.find();
    server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-port", Integer.toString(port)});
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + port);
    client = AwsClients.dynamoDb(connection(REGION));
  }

  /** The JVM-wide server, started on first call. */
  public static synchronized LocalDynamoDb shared() {
    if (shared == null) {
      try {
        shared = new LocalDynamoDb();
      } catch (Exception e) {
        throw new IllegalStateException("DynamoDB Local did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "dynamodb-local-stop"));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  public AwsConnection connection(String region) {
    return AwsConnection.local(endpoint, region, ACCESS_KEY, SECRET_KEY);
  }

  /** A client for {@link #REGION}. */
  public DynamoDbClient client() {
    return client;
  }

  /** Creates a Meridian table no other test uses: {@code <prefix>-<n>}. */
  public String newTable(String prefix) {
    String table = prefix + "-" + tables.incrementAndGet();
    DynamoDbTables.createIfMissing(client, table);
    return table;
  }

  private void stop() {
    try {
      server.stop();
    } catch (Exception e) {
      // the JVM is exiting; nothing useful to do
    }
  }
}
