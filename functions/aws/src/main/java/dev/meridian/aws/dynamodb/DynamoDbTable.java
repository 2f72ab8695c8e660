package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;

import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The few table operations the adapters need, with SDK failures translated into
 * {@link StorageException}. Reads are strongly consistent: a push must see its own writes in its
 * region (docs/architecture.md, replication protocol step 1).
 */
final class DynamoDbTable {

  private static final int QUERY_PAGE = 100;
  /** DynamoDB's limits per BatchGetItem and per BatchWriteItem request. */
  private static final int BATCH_GET = 100;
  private static final int BATCH_WRITE = 25;
  /** Rounds of retrying what a batch left unprocessed (throttling) before failing. */
  private static final int BATCH_ROUNDS = 8;
  /** Items a scan request evaluates (DynamoDB applies the filter after this limit). */
  private static final int SCAN_PAGE = 500;

  private final DynamoDbClient dynamoDb;
  private final String table;

  DynamoDbTable(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  String name() {
    return table;
  }

  void put(Map<String, AttributeValue> item) {
    call("put", () -> dynamoDb.putItem(r -> r.tableName(table).item(item)));
  }

  /**
   * Puts iff {@code condition} holds; returns false when it does not. {@code values} may be empty.
   */
  boolean putIf(Map<String, AttributeValue> item, String condition, Map<String, String> names,
      Map<String, AttributeValue> values) {
    try {
      dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression(condition)
          .expressionAttributeNames(names.isEmpty() ? null : names)
          .expressionAttributeValues(values.isEmpty() ? null : values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw failure("conditional put", e);
    }
  }

  /**
   * Applies {@code update} (an UpdateExpression) to the item at {@code pk}/{@code sk} iff {@code
   * condition} holds; returns the item as it is after, or empty when the condition failed.
   */
  Optional<Map<String, AttributeValue>> updateIf(String pk, String sk, String update,
      String condition, Map<String, String> names, Map<String, AttributeValue> values) {
    try {
      return Optional.of(dynamoDb.updateItem(r -> r.tableName(table).key(key(pk, sk))
          .updateExpression(update).conditionExpression(condition)
          .expressionAttributeNames(names).expressionAttributeValues(values)
          .returnValues(ReturnValue.ALL_NEW)).attributes());
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("conditional update", e);
    }
  }

  Optional<Map<String, AttributeValue>> get(String pk, String sk) {
    var response = call("get", () -> dynamoDb.getItem(
        r -> r.tableName(table).key(key(pk, sk)).consistentRead(true)));
    return response.hasItem() ? Optional.of(response.item()) : Optional.empty();
  }

  /**
   * The items at {@code keys} that exist, consistently read, in no particular order: one
   * BatchGetItem per {@value #BATCH_GET} keys (the keys must be distinct), with the keys DynamoDB
   * left unprocessed asked again.
   */
  List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET) {
      List<Map<String, AttributeValue>> pending = keys.subList(from,
          Math.min(keys.size(), from + BATCH_GET));
      for (int round = 0; !pending.isEmpty(); round++) {
        requireRound(round, "batch get");
        KeysAndAttributes ask = KeysAndAttributes.builder().keys(pending).consistentRead(true)
            .build();
        BatchGetItemResponse response = call("batch get",
            () -> dynamoDb.batchGetItem(r -> r.requestItems(Map.of(table, ask))));
        items.addAll(response.responses().getOrDefault(table, List.of()));
        KeysAndAttributes left = response.unprocessedKeys().get(table);
        pending = left == null || !left.hasKeys() ? List.of() : left.keys();
      }
    }
    return items;
  }

  /**
   * Puts every item, unconditionally: one BatchWriteItem per {@value #BATCH_WRITE} items (their
   * keys must be distinct), with what DynamoDB left unprocessed written again.
   */
  void putAll(List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += BATCH_WRITE) {
      List<WriteRequest> pending = items.subList(from, Math.min(items.size(), from + BATCH_WRITE))
          .stream().map(i -> WriteRequest.builder()
              .putRequest(PutRequest.builder().item(i).build()).build())
          .toList();
      for (int round = 0; !pending.isEmpty(); round++) {
        requireRound(round, "batch put");
        List<WriteRequest> batch = pending;
        BatchWriteItemResponse response = call("batch put",
            () -> dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, batch))));
        pending = response.unprocessedItems().getOrDefault(table, List.of());
      }
    }
  }

  /** Before another round of a batch's leftovers: fails after the last, else backs off. */
  private void requireRound(int round, String operation) {
    if (round == BATCH_ROUNDS) {
      throw new StorageException("DynamoDB " + operation + " on " + table + ": items still"
          + " unprocessed after " + BATCH_ROUNDS + " rounds");
    }
    if (round > 0) {
      try {
        Thread.sleep(Math.min(1000L, 25L << round));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted during DynamoDB " + operation, e);
      }
    }
  }

  /** Deletes; returns whether the item existed. */
  boolean delete(String pk, String sk) {
    DeleteItemResponse response = call("delete", () -> dynamoDb.deleteItem(
        r -> r.tableName(table).key(key(pk, sk)).returnValues(ReturnValue.ALL_OLD)));
    return response.hasAttributes() && !response.attributes().isEmpty();
  }

  /**
   * Items of partition {@code pk} whose sort key starts with {@code skPrefix} (null: any), in
   * sort-key order, after {@code exclusiveSk} (null: from the start), that pass {@code filter}
   * (null: all), at most {@code max}.
   *
   * <p>DynamoDB applies a query's {@code Limit} before its filter, so one request may return
   * fewer matches than asked (even none) while more exist: keep querying until {@code max}
   * matches are collected or the partition is exhausted.
   */
  List<Map<String, AttributeValue>> query(String pk, String skPrefix, String exclusiveSk,
      String filter, Map<String, String> filterNames, Map<String, AttributeValue> filterValues,
      int max) {
    Map<String, String> names = new HashMap<>(filterNames);
    names.put("#pk", StorageLayout.PK);
    Map<String, AttributeValue> values = new HashMap<>(filterValues);
    values.put(":pk", s(pk));
    String keyCondition = "#pk = :pk";
    if (skPrefix != null) {
      names.put("#sk", StorageLayout.SK);
      values.put(":skPrefix", s(skPrefix));
      keyCondition += " AND begins_with(#sk, :skPrefix)";
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> startKey = exclusiveSk == null ? null : key(pk, exclusiveSk);
    do {
      QueryRequest request = QueryRequest.builder()
          .tableName(table).consistentRead(true)
          .keyConditionExpression(keyCondition).filterExpression(filter)
          .expressionAttributeNames(names).expressionAttributeValues(values)
          .exclusiveStartKey(startKey)
          .limit(pageSize(max - items.size(), filter != null))
          .build();
      QueryResponse response = call("query", () -> dynamoDb.query(request));
      for (Map<String, AttributeValue> item : response.items()) {
        if (items.size() < max) {
          items.add(item);
        }
      }
      startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey() : null;
    } while (startKey != null && items.size() < max);
    return items;
  }

  /**
   * Items of the whole table that pass {@code filter} and then {@code keep}, at most {@code max}.
   * A Scan, paged on while items are missing: only for the local runtime's sweeper (docs/
   * storage-layout.md "TTL and expiry"); nothing on AWS scans.
   */
  List<Map<String, AttributeValue>> scan(String filter, Map<String, String> names,
      Map<String, AttributeValue> values, Predicate<Map<String, AttributeValue>> keep, int max) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      Map<String, AttributeValue> from = startKey;
      ScanResponse page = call("scan", () -> dynamoDb.scan(r -> r.tableName(table)
          .consistentRead(true).filterExpression(filter)
          .expressionAttributeNames(names).expressionAttributeValues(values)
          .exclusiveStartKey(from).limit(SCAN_PAGE)));
      for (Map<String, AttributeValue> item : page.items()) {
        if (items.size() < max && keep.test(item)) {
          items.add(item);
        }
      }
      startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
          ? page.lastEvaluatedKey() : null;
    } while (startKey != null && items.size() < max);
    return items;
  }

  /**
   * Asks for what is still missing, doubled when a filter may drop items (tombstones), capped so
   * a query never reads far beyond what the caller keeps.
   */
  private static int pageSize(int missing, boolean filtered) {
    long want = filtered ? 2L * missing : missing;
    return (int) Math.max(1, Math.min(QUERY_PAGE, want));
  }

  <T> T call(String operation, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw failure(operation, e);
    }
  }

  StorageException failure(String operation, SdkException e) {
    return new StorageException("DynamoDB " + operation + " on " + table + " failed: " + e.getMessage(), e);
  }
}
