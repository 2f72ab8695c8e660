package dev.meridian.aws.dynamodb;

import dev.meridian.core.storage.StorageLayout;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Table provisioning for the local runtime and tests (on AWS, template.yaml owns tables). */
public final class DynamoDbTables {

  /** The attribute DynamoDB's TTL reads (epoch seconds). */
  public static final String TTL_ATTRIBUTE = "ttl";

  private DynamoDbTables() {}

  /** Creates the region's table (pk/sk strings, on demand) unless it exists, and enables TTL. */
  public static void createIfMissing(DynamoDbClient dynamoDb, String table) {
    // listTables, not describeTable: DynamoDB Local logs a WARN with a stack trace for every
    // request on a missing table, which every first start of the local runtime would print.
    if (dynamoDb.listTablesPaginator().tableNames().stream().noneMatch(table::equals)) {
      create(dynamoDb, table);
    }
    enableTtl(dynamoDb, table);
  }

  private static void create(DynamoDbClient dynamoDb, String table) {
    try {
      dynamoDb.createTable(r -> r.tableName(table)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(
              a -> a.attributeName(StorageLayout.PK).attributeType(ScalarAttributeType.S),
              a -> a.attributeName(StorageLayout.SK).attributeType(ScalarAttributeType.S))
          .keySchema(
              k -> k.attributeName(StorageLayout.PK).keyType(KeyType.HASH),
              k -> k.attributeName(StorageLayout.SK).keyType(KeyType.RANGE)));
    } catch (ResourceInUseException e) {
      // created concurrently by another starter
    }
    dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table));
  }

  /**
   * Best effort: an emulator without TTL support still works, because every reader checks
   * expiry itself (DynamoDB's TTL deletes lazily anyway).
   */
  private static void enableTtl(DynamoDbClient dynamoDb, String table) {
    try {
      TimeToLiveStatus status = dynamoDb.describeTimeToLive(r -> r.tableName(table))
          .timeToLiveDescription().timeToLiveStatus();
      if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
        return;
      }
      dynamoDb.updateTimeToLive(r -> r.tableName(table)
          .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(true)));
    } catch (SdkException e) {
      // not supported by this endpoint; see above
    }
  }
}
