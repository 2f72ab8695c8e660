package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbAuditStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.audit.AuditStore;
import dev.meridian.core.contract.AuditStoreContract;
import java.time.Duration;

/** The audit store contract against {@code DynamoDbAuditStore} on DynamoDB Local. */
class DynamoDbAuditStoreContractTest extends AuditStoreContract {
  @Override
  protected AuditStore newStore() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbAuditStore(dynamoDb.client(), dynamoDb.newTable("audit-contract"),
        Duration.ofDays(30));
  }
}
