package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbUploadSessionStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.contract.UploadSessionStoreContract;
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;

/** The upload session contract against {@code DynamoDbUploadSessionStore} on DynamoDB Local. */
class DynamoDbUploadSessionStoreContractTest extends UploadSessionStoreContract {
  @Override
  protected UploadSessionStore createStore(Clock clock) {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbUploadSessionStore(dynamoDb.client(), dynamoDb.newTable("session-contract"), clock);
  }
}
