package dev.meridian.local.runtime;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.dynamodb.DynamoDbTables;
import dev.meridian.aws.s3.S3Buckets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Creates a region's bucket and table when missing — what SAM does on AWS. The table schema has
 * one owner, {@link DynamoDbTables}.
 */
final class RegionResources {

  private RegionResources() {}

  static void createIfMissing(MeridianProperties p) {
    try (S3Client s3 = AwsClients.s3(p.s3Connection());
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(p.dynamoDbConnection())) {
      S3Buckets.createIfMissing(s3, p.bucket());
      DynamoDbTables.createIfMissing(dynamoDb, p.table());
    }
  }
}
