package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbIdentityStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.auth.IdentityStore;
import dev.meridian.core.contract.IdentityStoreContract;

/** The identity store contract against {@code DynamoDbIdentityStore} on DynamoDB Local. */
class DynamoDbIdentityStoreContractTest extends IdentityStoreContract {
  @Override
  protected IdentityStore newStore() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbIdentityStore(dynamoDb.client(), dynamoDb.newTable("identity-contract"));
  }
}
