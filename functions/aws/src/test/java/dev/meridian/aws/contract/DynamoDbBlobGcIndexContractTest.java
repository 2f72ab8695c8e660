package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbMetadataIndex;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.contract.BlobGcIndexContract;
import dev.meridian.core.storage.MetadataIndex;

/** The GC claim contract against {@code DynamoDbMetadataIndex} on DynamoDB Local. */
class DynamoDbBlobGcIndexContractTest extends BlobGcIndexContract {
  @Override
  protected MetadataIndex createIndex() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbMetadataIndex(dynamoDb.client(), dynamoDb.newTable("gc-contract"));
  }
}
