package dev.meridian.local.runtime;

import dev.meridian.app.MeridianProperties;
import dev.meridian.app.aws.AwsClientFactory;
import dev.meridian.core.storage.StorageLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Creates a region's bucket and table when missing — what SAM does on AWS. The table has the
 * string keys {@code pk}/{@code sk} of {@link StorageLayout}, on-demand billing.
 *
 * <p>MERGE NOTE: once {@code functions/aws} provides {@code S3Buckets.createIfMissing} and {@code
 * DynamoDbTables.createIfMissing}, call those here so the schema (TTL, indexes) has one owner.
 */
final class RegionResources {

  private RegionResources() {}

  static void createIfMissing(MeridianProperties p) {
    try (S3Client s3 = AwsClientFactory.s3(p); DynamoDbClient dynamoDb = AwsClientFactory.dynamoDb(p)) {
      createBucket(s3, p.bucket());
      createTable(dynamoDb, p.table());
    }
  }

  private static void createBucket(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException e) {
      try {
        s3.createBucket(b -> b.bucket(bucket));
      } catch (BucketAlreadyOwnedByYouException raced) {
        // created meanwhile: fine
      }
    }
  }

  private static void createTable(DynamoDbClient dynamoDb, String table) {
    // listTables, not describeTable: DynamoDB Local logs a WARN with a stack trace for every
    // request on a missing table.
    if (dynamoDb.listTablesPaginator().tableNames().stream().anyMatch(table::equals)) {
      return;
    }
    try {
      dynamoDb.createTable(c -> c.tableName(table)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(
              AttributeDefinition.builder().attributeName(StorageLayout.PK)
                  .attributeType(ScalarAttributeType.S).build(),
              AttributeDefinition.builder().attributeName(StorageLayout.SK)
                  .attributeType(ScalarAttributeType.S).build())
          .keySchema(
              KeySchemaElement.builder().attributeName(StorageLayout.PK).keyType(KeyType.HASH).build(),
              KeySchemaElement.builder().attributeName(StorageLayout.SK).keyType(KeyType.RANGE).build()));
      dynamoDb.waiter().waitUntilTableExists(d -> d.tableName(table));
    } catch (ResourceInUseException raced) {
      // created meanwhile: fine
    }
  }
}
