package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbRunStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.builds.RunStore;
import dev.meridian.core.contract.RunStoreContract;

/** The run store contract against {@code DynamoDbRunStore} on DynamoDB Local. */
class DynamoDbRunStoreContractTest extends RunStoreContract {
  @Override
  protected RunStore newStore() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbRunStore(dynamoDb.client(), dynamoDb.newTable("runs-contract"));
  }
}
