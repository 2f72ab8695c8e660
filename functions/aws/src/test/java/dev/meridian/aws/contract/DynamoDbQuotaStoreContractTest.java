package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbQuotaStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.contract.QuotaStoreContract;
import dev.meridian.core.lifecycle.quota.QuotaStore;

/** The quota store contract against {@code DynamoDbQuotaStore} on DynamoDB Local. */
class DynamoDbQuotaStoreContractTest extends QuotaStoreContract {
  @Override
  protected QuotaStore createStore() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbQuotaStore(dynamoDb.client(), dynamoDb.newTable("quota-contract"));
  }
}
