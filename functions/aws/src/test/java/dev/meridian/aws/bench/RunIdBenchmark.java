package dev.meridian.aws.bench;

import dev.meridian.aws.dynamodb.DynamoDbRunIdAllocator;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.builds.BatchingRunIdAllocator;
import dev.meridian.core.builds.RunIdAllocator;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Run-ID allocation throughput on DynamoDB Local, run by
 * {@code bench/run-ids.sh}; skipped in normal builds. For 8 and 32 concurrent enqueuers on one
 * region's counter, in the same JVM against the same server: the unconditional atomic {@code ADD}
 * (the ceiling), the conditional write alone (one write per ID, lost races retried from {@code
 * ALL_OLD}), and the conditional write behind {@link BatchingRunIdAllocator}. Every ID issued is
 * checked for duplicates. Nothing asserts: the numbers go to {@code target/run-ids-bench.md}.
 */
@EnabledIfSystemProperty(named = "meridian.bench", matches = "true")
class RunIdBenchmark {
  static final long WARMUP_MS = Long.getLong("meridian.bench.warmupMs", 2_000);
  static final long MEASURE_MS = Long.getLong("meridian.bench.measureMs", 8_000);

  record Result(String mode, int threads, long ops, double perSecond, long duplicates, long lost) {}

  @Test
  void allocationThroughput() throws Exception {
    LocalDynamoDb db = LocalDynamoDb.shared();
    DynamoDbClient client = db.client();
    List<Result> results = new ArrayList<>();
    for (int threads : new int[] {8, 32}) {
      String addTable = db.newTable("bench-add");
      results.add(measure("atomic ADD (ceiling)", threads, () -> add(client, addTable), null));
      DynamoDbRunIdAllocator single = new DynamoDbRunIdAllocator(client,
          db.newTable("bench-cond"), new Seed("aa"));
      results.add(measure("conditional write, one per ID", threads,
          () -> single.allocate().sequence(), single));
      DynamoDbRunIdAllocator counter = new DynamoDbRunIdAllocator(client,
          db.newTable("bench-batch"), new Seed("aa"));
      RunIdAllocator batching = new BatchingRunIdAllocator(counter);
      results.add(measure("conditional write + batching (Meridian)", threads,
          () -> batching.allocate().sequence(), counter));
    }
    StringBuilder out = new StringBuilder();
    out.append("| enqueuers | allocator | IDs/s | % of ADD ceiling | IDs | duplicates | lost races |\n");
    out.append("|---:|---|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      Result ceiling = results.get(i - i % 3);
      out.append(String.format("| %d | %s | %.0f | %.0f%% | %d | %d | %s |%n", r.threads(),
          r.mode(), r.perSecond(), 100 * r.perSecond() / ceiling.perSecond(), r.ops(),
          r.duplicates(), r.lost() < 0 ? "–" : Long.toString(r.lost())));
    }
    System.out.println(out);
    Path file = Path.of("target", "run-ids-bench.md");
    try {
      Files.writeString(file, out.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long add(DynamoDbClient client, String table) {
    Map<String, AttributeValue> attrs = client.updateItem(r -> r.tableName(table)
        .key(Map.of(StorageLayout.PK, AttributeValue.fromS(StorageLayout.RUN_COUNTER_PK),
            StorageLayout.SK, AttributeValue.fromS(StorageLayout.COUNTER_SK)))
        .updateExpression("ADD #n :one")
        .expressionAttributeNames(Map.of("#n", "n"))
        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
        .returnValues(ReturnValue.UPDATED_NEW)).attributes();
    return Long.parseLong(attrs.get("n").n());
  }

  private static Result measure(String mode, int threads, LongSupplier allocate,
      DynamoDbRunIdAllocator counter) throws InterruptedException {
    Map<Long, Boolean> seen = new ConcurrentHashMap<>();
    AtomicLong duplicates = new AtomicLong();
    AtomicLong counted = new AtomicLong();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          while (!stop.get()) {
            long id = allocate.getAsLong();
            if (seen.putIfAbsent(id, Boolean.TRUE) != null) {
              duplicates.incrementAndGet();
            }
            if (measuring.get()) {
              counted.incrementAndGet();
            }
          }
        } finally {
          done.countDown();
        }
      }, "bench-" + t);
      thread.setDaemon(true);
      thread.start();
    }
    Thread.sleep(WARMUP_MS);
    long lostBefore = counter == null ? 0 : counter.lostRaces();
    measuring.set(true);
    long start = System.nanoTime();
    Thread.sleep(MEASURE_MS);
    measuring.set(false);
    long elapsed = System.nanoTime() - start;
    long ops = counted.get();
    long lost = counter == null ? -1 : counter.lostRaces() - lostBefore;
    stop.set(true);
    done.await();
    return new Result(mode, threads, ops, ops * 1e9 / elapsed, duplicates.get(), lost);
  }
}
