package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbTaskStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.builds.TaskStore;
import dev.meridian.core.contract.TaskStoreContract;

/** The task store contract against {@code DynamoDbTaskStore} on DynamoDB Local. */
class DynamoDbTaskStoreContractTest extends TaskStoreContract {
  @Override
  protected TaskStore newStore() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbTaskStore(dynamoDb.client(), dynamoDb.newTable("tasks-contract"));
  }
}
