package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.num;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;

import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A region's {@link EventLog} in its table (keys from {@link StorageLayout}): events at {@code
 * pk=event, sk=<20-digit sequence>}, an id guard {@code pk=event-id#<id>} and a counter {@code
 * pk=counter#event}.
 *
 * <p>An append is one TransactWriteItems: put the guard if absent, move the counter from n to n+1
 * conditionally, put the event at n+1. So the event, its guard and the counter become visible
 * together: a reader never sees sequence n+2 before n+1 is readable, which a consumer keeping a
 * "read after" watermark relies on. (An atomic {@code ADD} counter is ~4x faster on DynamoDB
 * Local — docs/architecture.md "Measured facts" — but hands out sequences whose events may commit
 * out of order, so a consumer could skip one; it also leaves gaps when the id guard then fails.) A
 * cancelled transaction — the guard exists, the counter moved, or a conflict with a concurrent
 * append — is retried after re-reading the guard, so a duplicate returns the stored event and a
 * lost race takes the next n.
 */
public final class DynamoDbEventLog implements EventLog {

  private static final int MAX_ATTEMPTS = 200;
  private static final int PAGE = 100;

  private final DynamoDbClient dynamoDb;
  private final DynamoDbTable table;
  /** The counter after this instance's last append; -1: read it first. */
  private volatile long lastSeen = -1;

  public DynamoDbEventLog(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = new DynamoDbTable(dynamoDb, table);
  }

  /**
   * One transaction in the common case: the guard item (one per event id: a duplicate fails its
   * condition), the counter moved from the last value this instance saw, and the event. Only a
   * failed transaction reads: the event by id (a duplicate returns it) and the counter (another
   * writer moved it). Reading both before every append cost two calls per event, and a region's
   * log has one writer in the local runtime (bench/notes.md).
   */
  @Override
  public Appended append(RegistryEvent draft) {
    long last = lastSeen;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (last < 0) {
        last = table.get(StorageLayout.EVENT_COUNTER_PK, StorageLayout.COUNTER_SK)
            .map(item -> num(item, DynamoDbEventItems.COUNTER)).orElse(0L);
      }
      RegistryEvent event = draft.withSequence(last + 1);
      try {
        long previous = last;
        dynamoDb.transactWriteItems(r -> r.transactItems(
            put(DynamoDbEventItems.guard(draft.id(), previous + 1), "attribute_not_exists(pk)",
                null),
            previous == 0
                ? put(DynamoDbEventItems.counter(1), "attribute_not_exists(pk)", null)
                : put(DynamoDbEventItems.counter(previous + 1), "#n = :last", n(previous)),
            put(DynamoDbEventItems.event(event), "attribute_not_exists(pk)", null)));
        lastSeen = previous + 1;
        return new Appended(event, true);
      } catch (TransactionCanceledException e) {
        // Guard taken (a duplicate: find returns it), counter moved, or a conflict with a
        // concurrent transaction: re-read and try again, after a short random pause.
        Optional<RegistryEvent> held = find(draft.id());
        if (held.isPresent()) {
          return new Appended(held.get(), false);
        }
        last = -1;
        pause(attempt);
      } catch (SdkException e) {
        lastSeen = -1;
        throw table.failure("append event", e);
      }
    }
    throw new StorageException("event log on " + table.name() + ": append of " + draft.id()
        + " lost " + MAX_ATTEMPTS + " races in a row");
  }

  @Override
  public List<RegistryEvent> readAfter(long afterSequence, int limit) {
    List<RegistryEvent> events = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryRequest request = QueryRequest.builder()
          .tableName(table.name()).consistentRead(true)
          .keyConditionExpression("pk = :pk AND sk > :after")
          .expressionAttributeValues(Map.of(":pk", s(StorageLayout.EVENT_PK),
              ":after", s(StorageLayout.eventSk(Math.max(0, afterSequence)))))
          .exclusiveStartKey(startKey)
          .limit(Math.max(1, Math.min(PAGE, limit - events.size())))
          .build();
      QueryResponse response = table.call("query events", () -> dynamoDb.query(request));
      response.items().forEach(item -> events.add(DynamoDbEventItems.event(item)));
      startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey() : null;
    } while (startKey != null && events.size() < limit);
    return events.size() > limit ? List.copyOf(events.subList(0, limit)) : events;
  }

  @Override
  public Optional<RegistryEvent> find(String id) {
    return table.get(StorageLayout.eventIdPk(id), StorageLayout.EVENT_ID_SK)
        .flatMap(guard -> table.get(StorageLayout.EVENT_PK,
            StorageLayout.eventSk(num(guard, DynamoDbEventItems.SEQUENCE))))
        .map(DynamoDbEventItems::event);
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition,
      AttributeValue last) {
    Put.Builder put = Put.builder().tableName(table.name()).item(item)
        .conditionExpression(condition);
    if (last != null) {
      put.expressionAttributeNames(Map.of("#n", DynamoDbEventItems.COUNTER))
          .expressionAttributeValues(Map.of(":last", last));
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while appending an event", e);
    }
  }
}
