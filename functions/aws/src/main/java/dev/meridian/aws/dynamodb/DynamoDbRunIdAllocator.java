package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;

import dev.meridian.core.builds.RunIdAllocator;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A region's run counter: item {@code counter#run / counter}, {@code n} = the last number issued.
 * Each reserve is one conditional write {@code SET n = :next, writer = :w} on {@code n = :cur}
 * ({@code attribute_not_exists(pk)} for a fresh counter). A lost race does not re-read: the
 * failed write returns the item ({@code ReturnValuesOnConditionCheckFailure.ALL_OLD}), whose
 * {@code n} is the next guess — ~240–300 writes/s this way on one hot item against ~100/s for
 * read-then-write (docs/architecture.md "Measured facts"). Each attempt carries a fresh {@code
 * writer} nonce, so when the SDK retries a write whose response was lost, the "failed" retry that
 * finds {@code n = :next} and its own nonce knows the numbers are its own instead of leaving a gap.
 *
 * <p>No number is issued twice: a number is handed out only after the write that moved {@code n}
 * past it succeeded (or was proven ours by its nonce). Combine concurrent callers of one process
 * with {@link dev.meridian.core.builds.BatchingRunIdAllocator}.
 */
public final class DynamoDbRunIdAllocator implements RunIdAllocator {
  private static final Map<String, String> NAMES = Map.of("#n", "n", "#w", "writer");
  private static final Map<String, String> FRESH_NAMES =
      Map.of("#pk", StorageLayout.PK, "#n", "n", "#w", "writer");

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Seed seed;
  private final AtomicLong lastSeen = new AtomicLong(); // 0: believe the counter absent
  private final AtomicLong lostRaces = new AtomicLong();

  public DynamoDbRunIdAllocator(DynamoDbClient dynamoDb, String table, Seed seed) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.seed = seed;
  }

  @Override
  public Seed seed() {
    return seed;
  }

  @Override
  public long reserve(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("reserve at least one number, got " + count);
    }
    long current = lastSeen.get();
    while (true) {
      long next = current + count;
      String writer = UUID.randomUUID().toString();
      boolean fresh = current == 0;
      Map<String, AttributeValue> values = fresh
          ? Map.of(":next", n(next), ":w", s(writer))
          : Map.of(":next", n(next), ":w", s(writer), ":cur", n(current));
      try {
        dynamoDb.updateItem(r -> r.tableName(table)
            .key(key(StorageLayout.RUN_COUNTER_PK, StorageLayout.COUNTER_SK))
            .updateExpression("SET #n = :next, #w = :w")
            .conditionExpression(fresh ? "attribute_not_exists(#pk)" : "#n = :cur")
            .expressionAttributeNames(fresh ? FRESH_NAMES : NAMES)
            .expressionAttributeValues(values)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        lastSeen.accumulateAndGet(next, Math::max);
        return current + 1;
      } catch (ConditionalCheckFailedException e) {
        Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
        long held = old.containsKey("n") ? Long.parseLong(old.get("n").n()) : 0;
        if (held == next && old.containsKey("writer") && writer.equals(old.get("writer").s())) {
          lastSeen.accumulateAndGet(next, Math::max); // our write landed; its response was lost
          return current + 1;
        }
        lostRaces.incrementAndGet();
        current = held;
        lastSeen.accumulateAndGet(held, Math::max);
      } catch (SdkException e) {
        throw new StorageException("DynamoDB run counter on " + table + " failed: "
            + e.getMessage(), e);
      }
    }
  }

  /** Conditional writes that lost a race so far (for benchmarks). */
  public long lostRaces() {
    return lostRaces.get();
  }
}
