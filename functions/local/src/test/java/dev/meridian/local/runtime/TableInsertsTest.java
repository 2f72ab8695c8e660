package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import dev.meridian.aws.dynamodb.DynamoDbTables;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table-stream stand-in: puts through a real SDK client into DynamoDB Local reach exactly the
 * subscribers of that endpoint, region, table and partition key, via the interceptor the SDK
 * loads from the classpath.
 */
class TableInsertsTest {
  private static final String TABLE = "inserts";
  private static DynamoDbLocalServer server;
  private static DynamoDbClient east;
  private static DynamoDbClient west;

  @BeforeAll
  static void start() throws Exception {
    server = DynamoDbLocalServer.start(null, FreePorts.pick());
    east = AwsClients.dynamoDb(AwsConnection.local(server.endpoint(), "test-east", "k", "s"));
    west = AwsClients.dynamoDb(AwsConnection.local(server.endpoint(), "test-west", "k", "s"));
    DynamoDbTables.createIfMissing(east, TABLE);
    DynamoDbTables.createIfMissing(west, TABLE);
  }

  @AfterAll
  static void stop() throws Exception {
    east.close();
    west.close();
    server.close();
  }

  @Test
  void putsOfTheSubscribedPartitionKeyInTheSubscribedTableAreReported() {
    AtomicInteger events = new AtomicInteger();
    try (var s = TableInserts.subscribe(server.endpoint(), "test-east", TABLE, "event",
        events::incrementAndGet)) {
      east.putItem(r -> r.tableName(TABLE).item(item("event", "1")));
      assertThat(events).hasValue(1);

      east.transactWriteItems(r -> r.transactItems(
          t -> t.put(p -> p.tableName(TABLE).item(item("event", "2"))),
          t -> t.put(p -> p.tableName(TABLE).item(item("counter", "x")))));
      assertThat(events).hasValue(2);

      east.batchWriteItem(r -> r.requestItems(Map.of(TABLE, java.util.List.of(
          software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
              .putRequest(p -> p.item(item("event", "3"))).build()))));
      assertThat(events).hasValue(3);

      east.putItem(r -> r.tableName(TABLE).item(item("run", "1"))); // another partition key
      west.putItem(r -> r.tableName(TABLE).item(item("event", "1"))); // another region's table
      east.deleteItem(r -> r.tableName(TABLE).key(item("event", "1"))); // not a put
      assertThat(events).hasValue(3);
    }
    east.putItem(r -> r.tableName(TABLE).item(item("event", "4")));
    assertThat(events).as("after the subscription closed").hasValue(3);
  }

  @Test
  void aFailedPutIsNotReported() {
    AtomicInteger events = new AtomicInteger();
    east.putItem(r -> r.tableName(TABLE).item(item("event", "guarded")));
    try (var s = TableInserts.subscribe(server.endpoint(), "test-east", TABLE, "event",
        events::incrementAndGet)) {
      try {
        east.putItem(r -> r.tableName(TABLE).item(item("event", "guarded"))
            .conditionExpression("attribute_not_exists(pk)"));
      } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
        // expected
      }
      assertThat(events).hasValue(0);
    }
  }

  @Test
  @Timeout(30)
  void aNudgeWakesItsWaiterAndSignalsCoalesce() throws Exception {
    Nudge nudge = new Nudge();
    nudge.signal();
    nudge.signal();
    nudge.await(Duration.ofMinutes(5)); // returns at once: a signal is pending
    long t0 = System.nanoTime();
    nudge.await(Duration.ofMillis(50)); // both signals were consumed by the first wait
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());

    Thread waker = new Thread(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      nudge.signal();
    });
    waker.start();
    nudge.await(Duration.ofMinutes(5)); // woken by the other thread
    waker.join();
  }

  private static Map<String, AttributeValue> item(String pk, String sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
  }
}
