package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;

import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.RunStatus;
import dev.meridian.core.builds.RunStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A region's runs in its table (docs/storage-layout.md "Builds"). Creating a run and every state
 * change are one {@code TransactWriteItems}: the run item (conditional: absent on create, {@code
 * status = :expected} on a change) with its state-index item moved along, so listings by state and
 * the capacity count never disagree with the run. A client token is a conditional put that
 * returns the earlier claim ({@code ALL_OLD}) when it loses.
 */
public final class DynamoDbRunStore implements RunStore {
  private static final int CONFLICT_RETRIES = 20;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbRunStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public RunId claimToken(String clientToken, RunId id) {
    try {
      dynamoDb.putItem(r -> r.tableName(table)
          .item(Map.of(StorageLayout.PK, s(StorageLayout.runTokenPk(clientToken)),
              StorageLayout.SK, s(StorageLayout.RUN_TOKEN_SK), "runId", s(id.toString())))
          .conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", StorageLayout.PK))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return id;
    } catch (ConditionalCheckFailedException e) {
      if (e.hasItem() && e.item().containsKey("runId")) {
        return RunId.parse(e.item().get("runId").s());
      }
      return tokenOwner(clientToken).orElseThrow(() -> new StorageException(
          "client token " + clientToken + " is claimed but unreadable"));
    } catch (SdkException e) {
      throw failure("token claim", e);
    }
  }

  @Override
  public Optional<RunId> tokenOwner(String clientToken) {
    var response = call("get", () -> dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
        .key(key(StorageLayout.runTokenPk(clientToken), StorageLayout.RUN_TOKEN_SK))));
    return response.hasItem() && response.item().containsKey("runId")
        ? Optional.of(RunId.parse(response.item().get("runId").s())) : Optional.empty();
  }

  @Override
  public boolean create(BuildRun run) {
    TransactWriteItem putRun = TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(DynamoDbRunItems.item(DynamoDbRunItems.runKey(run.id()), run))
        .conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", StorageLayout.PK))).build();
    TransactWriteItem putState = TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(DynamoDbRunItems.item(DynamoDbRunItems.statusKey(run.id(), run.status()), run)))
        .build();
    return transact(List.of(putRun, putState));
  }

  @Override
  public Optional<BuildRun> get(RunId id) {
    var response = call("get", () -> dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
        .key(DynamoDbRunItems.runKey(id))));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    BuildRun run = DynamoDbRunItems.run(response.item());
    return run.id().equals(id) ? Optional.of(run) : Optional.empty();
  }

  @Override
  public boolean transition(BuildRun next, RunStatus expected) {
    TransactWriteItem putRun = TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(DynamoDbRunItems.item(DynamoDbRunItems.runKey(next.id()), next))
        .conditionExpression("#status = :expected")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":expected", s(expected.wireName())))).build();
    TransactWriteItem dropOld = TransactWriteItem.builder().delete(d -> d.tableName(table)
        .key(DynamoDbRunItems.statusKey(next.id(), expected))).build();
    TransactWriteItem putNew = TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(DynamoDbRunItems.item(DynamoDbRunItems.statusKey(next.id(), next.status()), next)))
        .build();
    List<TransactWriteItem> writes = expected == next.status() ? List.of(putRun, putNew)
        : List.of(putRun, dropOld, putNew);
    return transact(writes);
  }

  @Override
  public List<BuildRun> list(RunStatus status, int top) {
    String pk = status == null ? StorageLayout.RUN_PK : StorageLayout.runStatusPk(status.wireName());
    List<BuildRun> runs = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = call("query", () -> dynamoDb.query(q -> q.tableName(table)
          .consistentRead(true).scanIndexForward(false)
          .keyConditionExpression("#pk = :pk")
          .expressionAttributeNames(Map.of("#pk", StorageLayout.PK))
          .expressionAttributeValues(Map.of(":pk", s(pk)))
          .limit(Math.min(100, top - runs.size())).exclusiveStartKey(from)));
      page.items().forEach(i -> runs.add(DynamoDbRunItems.run(i)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
          ? page.lastEvaluatedKey() : null;
    } while (start != null && runs.size() < top);
    return runs;
  }

  @Override
  public int active(int limit) {
    int count = 0;
    for (RunStatus s : List.of(RunStatus.RUNNING, RunStatus.QUEUED)) {
      if (count >= limit) {
        break;
      }
      int want = limit - count;
      QueryResponse page = call("count", () -> dynamoDb.query(q -> q.tableName(table)
          .consistentRead(true).select(Select.COUNT).limit(want)
          .keyConditionExpression("#pk = :pk")
          .expressionAttributeNames(Map.of("#pk", StorageLayout.PK))
          .expressionAttributeValues(Map.of(":pk", s(StorageLayout.runStatusPk(s.wireName()))))));
      count += page.count();
    }
    return Math.min(count, limit);
  }

  /**
   * True when applied; false when the first item's condition failed. Transactions racing on the
   * same items cancel each other ({@code TransactionConflict}); those are retried.
   */
  private boolean transact(List<TransactWriteItem> writes) {
    for (int attempt = 0; ; attempt++) {
      try {
        dynamoDb.transactWriteItems(t -> t.transactItems(writes));
        return true;
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons()
            ? e.cancellationReasons() : List.of();
        if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
          return false;
        }
        boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
        if (!conflict || attempt >= CONFLICT_RETRIES) {
          throw failure("transaction", e);
        }
        backOff(attempt);
      } catch (SdkException e) {
        throw failure("transaction", e);
      }
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 5)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted", e);
    }
  }

  private <T> T call(String operation, java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw failure(operation, e);
    }
  }

  private StorageException failure(String operation, SdkException e) {
    return new StorageException("DynamoDB " + operation + " on " + table + " failed: "
        + e.getMessage(), e);
  }
}
