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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link AuditStore} on a region's table: one item per record at ({@code audit#<origin>}, the
 * 20-digit sequence), the record's JSON in {@code doc} exactly as hashed, and {@code ttl} = its
 * time plus the retention, so DynamoDB's TTL removes it on AWS (the table's TTL attribute).
 * Puts are conditional on the key being free: a record is never replaced through this port.
 */
public final class DynamoDbAuditStore implements AuditStore {
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
    Map<String, AttributeValue> item = new HashMap<>(DynamoDbItems.key(
        StorageLayout.auditPk(record.origin()), StorageLayout.auditSk(record.sequence())));
    item.put("doc", s(AuditJson.stored(record)));
    item.put("ttl", n(DynamoDbItems.ttlSeconds(record.time().plus(retention))));
    return table.putIf(item, "attribute_not_exists(pk)", Map.of(), Map.of());
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
