package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbPublishCursor;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.contract.PublishCursorContract;
import dev.meridian.core.events.PublishCursor;

/** The publish cursor contract against {@code DynamoDbPublishCursor} on DynamoDB Local. */
class DynamoDbPublishCursorContractTest extends PublishCursorContract {
  private String table;

  @Override
  protected PublishCursor newCursor() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    table = dynamoDb.newTable("publish-cursor");
    return new DynamoDbPublishCursor(dynamoDb.client(), table);
  }

  @Override
  protected PublishCursor sameCursorElsewhere(PublishCursor cursor) {
    return new DynamoDbPublishCursor(LocalDynamoDb.shared().client(), table);
  }
}
