package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbMetadataIndex;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.contract.MetadataIndexContract;
import dev.meridian.core.storage.MetadataIndex;

/** The index contract against {@code DynamoDbMetadataIndex} on DynamoDB Local (a table per test). */
class DynamoDbMetadataIndexContractTest extends MetadataIndexContract {
  @Override
  protected MetadataIndex createIndex() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbMetadataIndex(dynamoDb.client(), dynamoDb.newTable("index-contract"));
  }
}
