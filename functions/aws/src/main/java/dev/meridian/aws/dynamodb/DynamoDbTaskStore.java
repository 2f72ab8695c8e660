package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.num;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;
import static dev.meridian.aws.dynamodb.DynamoDbItems.str;

import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.Task;
import dev.meridian.core.builds.TaskStore;
import dev.meridian.core.builds.TimerTrigger;
import dev.meridian.core.naming.Seed;
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
 * task in partition {@code task}, created with a conditional put and replaced by one conditional
 * on its {@code revision}; the trigger cursor is a counter item moved by a conditional put on its
 * previous value, as the webhook cursor is; timer claims are items put {@code
 * attribute_not_exists} in partition {@code timer#<task>} (with a {@code ttl}); a task's history
 * is one item per run in partition {@code task-run#<task>}, newest first in sort-key order.
 */
public final class DynamoDbTaskStore implements TaskStore {
  private static final int MAX_TASKS = 10_000;

  private final DynamoDbTable table;

  public DynamoDbTaskStore(DynamoDbClient dynamoDb, String table) {
    this.table = new DynamoDbTable(dynamoDb, table);
  }

  @Override
  public boolean create(Task task) {
    return table.putIf(item(task), "attribute_not_exists(pk)", Map.of(), Map.of());
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
  public boolean update(Task next) {
    long expected = next.revision() - 1;
    // A task stored before tasks had revisions has none: it is at revision 1.
    String condition = expected == 1
        ? "attribute_exists(pk) AND (attribute_not_exists(#r) OR #r = :expected)"
        : "#r = :expected";
    return table.putIf(item(next), condition, Map.of("#r", "revision"),
        Map.of(":expected", n(expected)));
  }

  @Override
  public boolean delete(String name) {
    return table.delete(StorageLayout.TASK_PK, name);
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

  @Override
  public Seed claimTick(String task, String timer, Instant tick, Seed seed,
      Instant expiresAt) {
    String pk = StorageLayout.taskTimerPk(task);
    String sk = StorageLayout.timerClaimSk(timer, tick.getEpochSecond());
    Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
    item.put("seed", s(seed.value()));
    item.put("tick", s(tick.toString()));
    item.put("ttl", n(DynamoDbItems.ttlSeconds(expiresAt)));
    if (table.putIf(item, "attribute_not_exists(pk)", Map.of(), Map.of())) {
      return seed;
    }
    return table.get(pk, sk).map(held -> DynamoDbItems.seed(held, "seed"))
        .orElse(seed); // expired and removed between the put and the read: never in practice
  }

  @Override
  public void recordRun(String task, TaskRun run) {
    Map<String, AttributeValue> item = new HashMap<>(key(StorageLayout.taskRunPk(task),
        StorageLayout.taskRunSk(run.createdAt().toEpochMilli(), run.runId().toString())));
    item.put("runId", s(run.runId().toString()));
    item.put("createdAt", s(run.createdAt().toString()));
    table.put(item);
  }

  @Override
  public List<TaskRun> history(String task, int top) {
    return table.query(StorageLayout.taskRunPk(task), null, null, null, Map.of(), Map.of(), top)
        .stream().map(i -> new TaskRun(RunId.parse(str(i, "runId")),
            Instant.parse(str(i, "createdAt")))).toList();
  }

  private static Map<String, AttributeValue> item(Task task) {
    Map<String, AttributeValue> item = new HashMap<>(key(StorageLayout.TASK_PK, task.name()));
    DynamoDbRunItems.putRequest(item, task.request());
    item.put("baseImageTrigger", AttributeValue.fromBool(task.baseImageTrigger()));
    item.put("bases", DynamoDbRunItems.list(task.bases()));
    item.put("createdAt", s(task.createdAt().toString()));
    item.put("timers", AttributeValue.fromL(task.timers().stream().map(t -> AttributeValue.fromM(
        Map.of("name", s(t.name()), "schedule", s(t.schedule().toString()),
            "enabled", AttributeValue.fromBool(t.enabled())))).toList()));
    if (task.triggerSecret() != null) {
      item.put("triggerSecret", s(task.triggerSecret()));
    }
    item.put("enabled", AttributeValue.fromBool(task.enabled()));
    item.put("updatedAt", s(task.updatedAt().toString()));
    item.put("revision", n(task.revision()));
    return item;
  }

  /** Attributes a task stored before timers, secrets, enabling and revisions lack: defaults. */
  private static Task task(Map<String, AttributeValue> item) {
    Instant created = Instant.parse(str(item, "createdAt"));
    List<TimerTrigger> timers = !item.containsKey("timers") ? List.of()
        : item.get("timers").l().stream().map(t -> TimerTrigger.of(str(t.m(), "name"),
            str(t.m(), "schedule"), t.m().get("enabled").bool())).toList();
    return new Task(str(item, StorageLayout.SK), DynamoDbRunItems.request(item),
        item.get("baseImageTrigger").bool(), DynamoDbRunItems.strings(item, "bases"), created,
        timers, str(item, "triggerSecret"),
        !item.containsKey("enabled") || item.get("enabled").bool(),
        item.containsKey("updatedAt") ? Instant.parse(str(item, "updatedAt")) : created,
        item.containsKey("revision") ? num(item, "revision") : 1);
  }
}
