package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.n;

import dev.meridian.core.lifecycle.quota.QuotaRule;
import dev.meridian.core.lifecycle.quota.QuotaStore;
import dev.meridian.core.storage.StorageLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link QuotaStore} in one region's table: partition {@code quota}, sort key the rule's key
 * ({@code registry} or {@code repositories:<glob>}), attributes {@code bytes}, {@code version},
 * {@code deleted}; a rule replaces the held one only if its version is higher (docs/
 * storage-layout.md).
 */
public final class DynamoDbQuotaStore implements QuotaStore {
  private final DynamoDbTable table;

  public DynamoDbQuotaStore(DynamoDbClient dynamoDb, String tableName) {
    this.table = new DynamoDbTable(dynamoDb, tableName);
  }

  @Override
  public List<QuotaRule> list() {
    return table.query(StorageLayout.QUOTA_PK, null, null, null, Map.of(), Map.of(),
        Integer.MAX_VALUE).stream().map(i -> QuotaRule.fromKey(
            DynamoDbItems.str(i, StorageLayout.SK), DynamoDbItems.num(i, "bytes"),
            DynamoDbItems.num(i, "version"), i.containsKey("deleted")
                && Boolean.TRUE.equals(i.get("deleted").bool()))).toList();
  }

  @Override
  public boolean put(QuotaRule rule) {
    Map<String, AttributeValue> item = new HashMap<>(key(StorageLayout.QUOTA_PK, rule.key()));
    item.put("bytes", n(rule.bytes()));
    item.put("version", n(rule.version()));
    item.put("deleted", AttributeValue.fromBool(rule.deleted()));
    return table.putIf(item, "attribute_not_exists(#pk) OR #version <= :v",
        Map.of("#pk", StorageLayout.PK, "#version", "version"), Map.of(":v", n(rule.version())));
  }
}
