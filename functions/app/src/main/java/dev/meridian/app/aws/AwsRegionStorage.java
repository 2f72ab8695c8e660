package dev.meridian.app.aws;

import dev.meridian.app.MeridianProperties;
import dev.meridian.app.RegionStorage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * MERGE POINT: connects the region's ports to the AWS adapters of {@code functions/aws}. Those
 * adapters ({@code S3ObjectStore}, {@code DynamoDbMetadataIndex}, {@code
 * DynamoDbUploadSessionStore}) are written on another branch; until they are merged this refuses
 * to start rather than pretend to store anything.
 */
public final class AwsRegionStorage {

  private AwsRegionStorage() {}

  public static RegionStorage connect(
      S3Client s3, S3Presigner presigner, DynamoDbClient dynamoDb, MeridianProperties p) {
    // At merge, replace the throw with the adapters' constructors, e.g.:
    //   return new RegionStorage(
    //       new S3ObjectStore(s3, presigner, p.bucket()),
    //       new DynamoDbMetadataIndex(dynamoDb, p.table()),
    //       new DynamoDbUploadSessionStore(dynamoDb, p.table()));
    throw new IllegalStateException("AWS storage adapters are not merged yet (functions/aws): "
        + "cannot connect bucket " + p.bucket() + " and table " + p.table());
  }
}
