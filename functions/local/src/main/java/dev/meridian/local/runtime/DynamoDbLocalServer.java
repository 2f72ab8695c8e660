package dev.meridian.local.runtime;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local in this JVM, on a free loopback port. One server holds every region's table
 * (tables are named {@code <registry>-<region>}, as on AWS). Without {@code -sharedDb} DynamoDB
 * Local keeps one database per (access key, signing region) — {@code <dbPath>/<key>_<region>.db}
 * — so the runtime signs with a fixed access key id to find its data again after a restart.
 */
final class DynamoDbLocalServer implements AutoCloseable {

  private final DynamoDBProxyServer server;
  private final URI endpoint;

  private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /** Starts in memory when {@code dbPath} is null, else persisting under {@code dbPath}. */
  static DynamoDbLocalServer start(Path dbPath, int port) throws Exception {
    List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
    if (dbPath == null) {
      args.add("-inMemory");
    } else {
      args.addAll(List.of("-dbPath", dbPath.toString()));
    }
    DynamoDBProxyServer server;
    // DynamoDB Local prints its configuration to System.out; stdout carries only the runtime's
    // "ready" lines, so that block goes to stderr.
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
      bindToLoopback(server);
      server.start();
    } finally {
      System.setOut(stdout);
    }
    return new DynamoDbLocalServer(server, URI.create("http://127.0.0.1:" + port));
  }

  /**
   * As {@link #start(Path, int)}; when persistent, the database of {@code accessKey} and {@code
   * region} (the runtime's clients' only one) is opened at once and set to commit without waiting
   * for the disk ({@link SqliteCommitMode}).
   */
  static DynamoDbLocalServer start(Path dbPath, int port, String accessKey, String region)
      throws Exception {
    DynamoDbLocalServer started = start(dbPath, port);
    if (dbPath != null) {
      try (DynamoDbClient client = AwsClients.dynamoDb(
          AwsConnection.local(started.endpoint(), region, accessKey, "unused"))) {
        client.listTables(r -> r.limit(1)); // DynamoDB Local opens a database on first use
      }
      SqliteCommitMode.relax(started.server);
      // SQLite created the database 0644 (its default, less the umask); its -wal and -shm files
      // take the database's mode, so they are set too. Accounts' hashes and webhook secrets are
      // in there (FilePrivacy).
      FilePrivacy.tighten(dbPath);
    }
    return started;
  }

  /**
   * DynamoDB Local has no host option and listens on every interface ({@code new Server(port)});
   * it checks no credentials either, so anyone who reached it could write accounts, acks or tags
   * into the tables. Its Jetty connector is bound to 127.0.0.1 before start, like every other
   * port of the runtime (docs/security.md "Local runtime"; {@code LocalRuntimeTest} checks).
   */
  private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
    java.lang.reflect.Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    org.eclipse.jetty.server.Server jetty = (org.eclipse.jetty.server.Server) field.get(proxy);
    for (org.eclipse.jetty.server.Connector c : jetty.getConnectors()) {
      if (c instanceof org.eclipse.jetty.server.ServerConnector connector) {
        connector.setHost("127.0.0.1");
      }
    }
  }

  int port() {
    return endpoint.getPort();
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
