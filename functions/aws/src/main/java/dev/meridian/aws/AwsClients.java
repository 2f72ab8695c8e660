package dev.meridian.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the SDK clients every Meridian function uses, the same way for AWS, LocalStack and the
 * local runtime. S3: {@code url-connection-client}, because it is the lightest and was fastest
 * against s3proxy here (docs/architecture.md "Measured facts"); the CRT client fails against
 * s3proxy multipart.
 *
 * <p>DynamoDB and Secrets Manager: {@code apache5-client}. Their every call is a small POST, and
 * the JDK's {@code HttpURLConnection} probes a pooled connection before each streamed POST by
 * reading it with a 1 ms timeout ({@code sun.net.www.http.HttpClient.available()}, called from
 * {@code HttpClient.New}); a JFR recording of 100 blob HEADs on the local runtime showed that probe
 * at 1.8 ms per GetItem against 2.8 ms for the answer itself, and a push makes tens of such calls
 * one after another (bench/notes.md). Apache's pool checks a connection only after it sat idle.
 */
public final class AwsClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  // Large blob GETs stream for minutes; the socket timeout only bounds silence between bytes.
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
  /**
   * A region's HTTP front runs 64 request threads, and replication and the background loops share
   * its clients; the SDK's default of 50 would make some requests queue for a connection.
   */
  private static final int MAX_JSON_CONNECTIONS = 128;

  private AwsClients() {}

  /** For S3: request bodies reach the socket in large writes ({@link CoalescingConnection}). */
  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.create(
        uri -> CoalescingConnection.open(uri, CONNECT_TIMEOUT, SOCKET_TIMEOUT));
  }

  /** For the JSON-protocol services (DynamoDB, Secrets Manager); see the class comment. */
  public static SdkHttpClient jsonHttpClient() {
    return Apache5HttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .maxConnections(MAX_JSON_CONNECTIONS)
        .build();
  }

  public static S3Client s3(AwsConnection connection) {
    return s3(connection, httpClient());
  }

  /** As {@link #s3(AwsConnection)} over another HTTP client (SnapStart priming's, in memory). */
  public static S3Client s3(AwsConnection connection, SdkHttpClient http) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(http)
            .region(connection.region())
            .credentialsProvider(connection.credentials());
    if (connection.isEndpointOverridden()) {
      // Local endpoints have no bucket sub-domains. S3-compatible servers vary in their support
      // for the SDK's default flexible checksums (aws-chunked trailers), so only send them when
      // an operation requires one.
      builder
          .endpointOverride(connection.endpoint())
          .forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      if ("http".equalsIgnoreCase(connection.endpoint().getScheme())) {
        // Over plain HTTP the SDK would sign every 128 KiB of every body (aws-chunked); send
        // UNSIGNED-PAYLOAD as it does over HTTPS (UnsignedPayloadSigner has the measurements).
        builder.putAuthScheme(UnsignedPayloadSigner.authScheme());
      }
    }
    return builder.build();
  }

  public static S3Presigner s3Presigner(AwsConnection connection) {
    S3Presigner.Builder builder =
        S3Presigner.builder().region(connection.region()).credentialsProvider(connection.credentials());
    if (connection.isEndpointOverridden()) {
      builder
          .endpointOverride(connection.endpoint())
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return builder.build();
  }

  public static DynamoDbClient dynamoDb(AwsConnection connection) {
    return build(DynamoDbClient.builder(), connection);
  }

  /** As {@link #dynamoDb(AwsConnection)} over another HTTP client (SnapStart priming's). */
  public static DynamoDbClient dynamoDb(AwsConnection connection, SdkHttpClient http) {
    return build(DynamoDbClient.builder(), connection, http);
  }

  public static SecretsManagerClient secretsManager(AwsConnection connection) {
    return build(SecretsManagerClient.builder(), connection);
  }

  public static software.amazon.awssdk.services.eventbridge.EventBridgeClient eventBridge(
      AwsConnection connection) {
    return build(software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder(),
        connection);
  }

  /** A client of a JSON-protocol service: no S3 addressing or checksum settings to make. */
  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, AwsConnection connection) {
    return build(builder, connection, jsonHttpClient());
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, AwsConnection connection, SdkHttpClient http) {
    builder.httpClient(http)
        .region(connection.region())
        .credentialsProvider(connection.credentials());
    if (connection.isEndpointOverridden()) {
      builder.endpointOverride(connection.endpoint());
    }
    return builder.build();
  }
}
