package dev.meridian.app.aws;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.aws.dynamodb.DynamoDbMetadataIndex;
import dev.meridian.aws.dynamodb.DynamoDbUploadSessionStore;
import dev.meridian.aws.s3.S3ObjectStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Connects a region's ports to its bucket and table through the AWS adapters. */
public final class AwsRegionStorage {

  private AwsRegionStorage() {}

  public static RegionStorage connect(
      S3Client s3, S3Presigner presigner, DynamoDbClient dynamoDb, MeridianProperties p) {
    return new RegionStorage(
        new S3ObjectStore(s3, presigner, p.bucket()),
        new DynamoDbMetadataIndex(dynamoDb, p.table()),
        new DynamoDbUploadSessionStore(dynamoDb, p.table(), Clock.systemUTC()));
  }
}
