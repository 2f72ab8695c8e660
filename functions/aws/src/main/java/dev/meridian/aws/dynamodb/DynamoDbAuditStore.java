package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;
import static dev.meridian.aws.dynamodb.DynamoDbItems.str;

import dev.meridian.core.audit.AuditJson;
import dev.meridian.core.audit.AuditRecord;
import dev.meridian.core.audit.AuditStore;
import dev.meridian.core.storage.StorageLayout;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link AuditStore} on a region's table: one item per record at ({@code audit#<origin>}, the
 * 20-digit sequence), the record's JSON in {@code doc} exactly as hashed, and {@code ttl} = its
 * time plus the retention, so DynamoDB's TTL removes it on AWS (the table's TTL attribute).
 * Puts are conditional on the key being free: a record is never replaced through this port.
 */
public final class DynamoDbAuditStore implements AuditStore {
  /** TransactWriteItems takes at most 100 items (DynamoDB Local 3.3.1 as well). */
  private static final int PUTS_PER_TRANSACTION = 100;
  private static final String FREE = "attribute_not_exists(pk)";
  private final DynamoDbClient dynamoDb;
  private final DynamoDbTable table;
  private final Duration retention;

  public DynamoDbAuditStore(DynamoDbClient dynamoDb, String table, Duration retention) {
    this.dynamoDb = dynamoDb;
    this.table = new DynamoDbTable(dynamoDb, table);
    this.retention = retention;
  }

  @Override
  public Optional<AuditRecord> last(String origin) {
    QueryResponse page = table.call("query", () -> dynamoDb.query(q -> q
        .tableName(table.name()).consistentRead(true).scanIndexForward(false).limit(1)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", StorageLayout.PK))
        .expressionAttributeValues(Map.of(":pk", s(StorageLayout.auditPk(origin))))));
    return page.items().stream().findFirst().map(DynamoDbAuditStore::record);
  }

  @Override
  public boolean putIfAbsent(AuditRecord record) {
    return table.putIf(item(record), FREE, Map.of(), Map.of());
  }

  /**
   * Up to {@value #PUTS_PER_TRANSACTION} conditional puts per TransactWriteItems: one round trip
   * instead of one per record (a batch of pull records). A transaction is all or nothing, so when
   * one of its keys is taken it is cancelled as a whole and that group is put one by one to find
   * exactly where the chain stops.
   */
  @Override
  public int putInOrder(List<AuditRecord> records) {
    int stored = 0;
    for (int from = 0; from < records.size(); from += PUTS_PER_TRANSACTION) {
      List<AuditRecord> group = records.subList(from,
          Math.min(records.size(), from + PUTS_PER_TRANSACTION));
      int done = group.size() == 1 ? (putIfAbsent(group.get(0)) ? 1 : 0) : putGroup(group);
      stored += done;
      if (done < group.size()) {
        return stored;
      }
    }
    return stored;
  }

  private int putGroup(List<AuditRecord> group) {
    List<TransactWriteItem> puts = group.stream().map(r -> TransactWriteItem.builder()
        .put(Put.builder().tableName(table.name()).item(item(r)).conditionExpression(FREE)
            .build()).build()).toList();
    try {
      dynamoDb.transactWriteItems(t -> t.transactItems(puts));
      return group.size();
    } catch (TransactionCanceledException e) {
      // A taken key (ConditionalCheckFailed) or a concurrent writer's transaction on one of the
      // keys (TransactionConflict): the single puts say which records are free.
      return AuditStore.super.putInOrder(group);
    } catch (SdkException e) {
      throw table.failure("transactional put", e);
    }
  }

  private Map<String, AttributeValue> item(AuditRecord record) {
    Map<String, AttributeValue> item = new HashMap<>(DynamoDbItems.key(
        StorageLayout.auditPk(record.origin()), StorageLayout.auditSk(record.sequence())));
    item.put("doc", s(AuditJson.stored(record)));
    item.put("ttl", n(DynamoDbItems.ttlSeconds(record.time().plus(retention))));
    return item;
  }

  @Override
  public List<AuditRecord> read(String origin, long afterSequence, int limit) {
    return table.query(StorageLayout.auditPk(origin), null,
        afterSequence <= 0 ? null : StorageLayout.auditSk(afterSequence), null, Map.of(),
        Map.of(), limit).stream().map(DynamoDbAuditStore::record).toList();
  }

  @Override
  public void delete(String origin, long sequence) {
    table.delete(StorageLayout.auditPk(origin), StorageLayout.auditSk(sequence));
  }

  private static AuditRecord record(Map<String, AttributeValue> item) {
    return AuditJson.fromStored(str(item, "doc"));
  }
}
