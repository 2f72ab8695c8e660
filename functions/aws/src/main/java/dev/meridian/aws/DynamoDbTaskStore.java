package dev.meridian.aws;

import static dev.meridian.aws.DynamoDbItems.key;
import static dev.meridian.aws.DynamoDbItems.n;
import static dev.meridian.aws.DynamoDbItems.num;
import static dev.meridian.aws.DynamoDbItems.s;
import static dev.meridian.aws.DynamoDbItems.str;

import dev.meridian.core.builds.Task;
import dev.meridian.core.builds.TaskStore;
import dev.meridian.core.storage.StorageLayout;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A region's {@link TaskStore} in its table (keys: {@link StorageLayout}, "task"): one item per
 * task in partition {@code task}, created with a conditional put; the trigger cursor is a counter
 * item moved by a conditional put on its previous value, as the webhook cursor is.
 */
public final class DynamoDbTaskStore implements TaskStore {
  private static final int MAX_TASKS = 10_000;

  private final DynamoDbTable table;

  public DynamoDbTaskStore(DynamoDbClient dynamoDb, String table) {
    this.table = new DynamoDbTable(dynamoDb, table);
  }

  @Override
  public boolean create(Task task) {
    Map<String, AttributeValue> item = new HashMap<>(key(StorageLayout.TASK_PK, task.name()));
    DynamoDbRunItems.putRequest(item, task.request());
    item.put("baseImageTrigger", AttributeValue.fromBool(task.baseImageTrigger()));
    item.put("bases", DynamoDbRunItems.list(task.bases()));
    item.put("createdAt", s(task.createdAt().toString()));
    return table.putIf(item, "attribute_not_exists(pk)", Map.of(), Map.of());
  }

  @Override
  public Optional<Task> get(String name) {
    return table.get(StorageLayout.TASK_PK, name).map(DynamoDbTaskStore::task);
  }

  @Override
  public List<Task> list() {
    return table.query(StorageLayout.TASK_PK, null, null, null, Map.of(), Map.of(), MAX_TASKS)
        .stream().map(DynamoDbTaskStore::task).toList();
  }

  @Override
  public long cursor() {
    return table.get(StorageLayout.TASK_TRIGGER_CURSOR_PK, StorageLayout.COUNTER_SK)
        .map(item -> num(item, "n")).orElse(0L);
  }

  @Override
  public boolean advanceCursor(long expected, long next) {
    Map<String, AttributeValue> item = new HashMap<>(
        key(StorageLayout.TASK_TRIGGER_CURSOR_PK, StorageLayout.COUNTER_SK));
    item.put("n", n(next));
    return expected == 0
        ? table.putIf(item, "attribute_not_exists(pk) OR #n = :zero", Map.of("#n", "n"),
            Map.of(":zero", n(0)))
        : table.putIf(item, "#n = :expected", Map.of("#n", "n"), Map.of(":expected", n(expected)));
  }

  private static Task task(Map<String, AttributeValue> item) {
    return new Task(str(item, StorageLayout.SK), DynamoDbRunItems.request(item),
        item.get("baseImageTrigger").bool(), DynamoDbRunItems.strings(item, "bases"),
        Instant.parse(str(item, "createdAt")));
  }
}
