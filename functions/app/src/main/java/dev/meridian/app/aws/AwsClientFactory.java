package dev.meridian.app.aws;

import dev.meridian.app.MeridianProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the SDK clients one region's functions use, from {@link MeridianProperties}: the
 * url-connection HTTP client (lightest and fastest here, STACK.md), the configured AWS region,
 * static credentials when given (local endpoints) else the default chain (the Lambda role), and,
 * when an endpoint is overridden (s3proxy, LocalStack), path-style S3 addressing, which local S3
 * servers need (STACK.md).
 */
public final class AwsClientFactory {

  private AwsClientFactory() {}

  public static S3Client s3(MeridianProperties p) {
    var builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(p.awsRegion()))
        .credentialsProvider(credentials(p))
        // Checksums only where S3 requires them: SDK 2.30+ otherwise adds CRC32 trailers to every
        // upload, which S3-compatible servers do not all accept; digests are verified by core.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (p.s3Endpoint() != null) {
      builder.endpointOverride(p.s3Endpoint()).forcePathStyle(true);
    }
    return builder.build();
  }

  public static S3Presigner s3Presigner(MeridianProperties p) {
    var builder = S3Presigner.builder()
        .region(Region.of(p.awsRegion()))
        .credentialsProvider(credentials(p));
    if (p.s3Endpoint() != null) {
      builder.endpointOverride(p.s3Endpoint())
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return builder.build();
  }

  public static DynamoDbClient dynamoDb(MeridianProperties p) {
    var builder = DynamoDbClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(p.awsRegion()))
        .credentialsProvider(credentials(p));
    if (p.dynamodbEndpoint() != null) {
      builder.endpointOverride(p.dynamodbEndpoint());
    }
    return builder.build();
  }

  static AwsCredentialsProvider credentials(MeridianProperties p) {
    if (p.accessKeyId() != null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(p.accessKeyId(), p.secretAccessKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
