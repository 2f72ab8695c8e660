package dev.meridian.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom the AWS clients of one region talk.
 *
 * @param region the AWS region (for local servers any name; DynamoDB Local keeps tables apart by
 *     access key and region, so each simulated region gets its own name)
 * @param endpoint an endpoint override (s3proxy, DynamoDB Local, LocalStack), or null for AWS
 * @param credentials who signs the requests
 */
public record AwsConnection(Region region, URI endpoint, AwsCredentialsProvider credentials) {

  public AwsConnection {
    if (region == null || credentials == null) {
      throw new IllegalArgumentException("region and credentials are required");
    }
  }

  /** Real AWS: the default endpoint and the default credentials chain (Lambda's role). */
  public static AwsConnection aws(String region) {
    return new AwsConnection(Region.of(region), null, DefaultCredentialsProvider.builder().build());
  }

  /** A local or emulated endpoint with fixed keys. */
  public static AwsConnection local(URI endpoint, String region, String accessKey, String secretKey) {
    return new AwsConnection(
        Region.of(region),
        endpoint,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
  }

  /** True when an endpoint override is set: S3 then needs path-style addressing. */
  public boolean isEndpointOverridden() {
    return endpoint != null;
  }
}
