package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbWebhookStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.contract.WebhookStoreContract;
import dev.meridian.core.webhooks.WebhookStore;

/** The webhook store contract against {@code DynamoDbWebhookStore} on DynamoDB Local. */
class DynamoDbWebhookStoreContractTest extends WebhookStoreContract {
  @Override
  protected WebhookStore newStore() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    return new DynamoDbWebhookStore(dynamoDb.client(), dynamoDb.newTable("webhooks-contract"));
  }
}
