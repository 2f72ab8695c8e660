package dev.meridian.aws.contract;

import dev.meridian.aws.dynamodb.DynamoDbEventLog;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.contract.EventLogContract;
import dev.meridian.core.events.EventLog;

/** The event log contract against {@code DynamoDbEventLog} on DynamoDB Local (a table per test). */
class DynamoDbEventLogContractTest extends EventLogContract {
  private String table;

  @Override
  protected EventLog newLog() {
    LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    table = dynamoDb.newTable("events-contract");
    return new DynamoDbEventLog(dynamoDb.client(), table);
  }

  @Override
  protected EventLog sameLogElsewhere(EventLog log) {
    return new DynamoDbEventLog(LocalDynamoDb.shared().client(), table);
  }
}
