package dev.meridian.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.builds.BatchingRunIdAllocator;
import dev.meridian.core.builds.BuildEnqueuer;
import dev.meridian.core.builds.BuildRegion;
import dev.meridian.core.builds.BuildRequest;
import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.Trigger;
import dev.meridian.core.contract.RunStoreContract;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.StorageException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The concurrency proof on DynamoDB Local: 16 threads × 250 enqueues spread over three
 * regions (three tables, each with its counter), through two "function instances" per region
 * (each its own batching allocator and client), give 4,000 distinct, well-formed IDs carrying
 * their region's seed; within a region, an enqueue that finished before another began has the
 * smaller sequence (commit order). Then the same with lost write responses and client retries on
 * client tokens: still one ID per token, and no second run in any table.
 */
class RunIdConcurrencyTest {
  static final int THREADS = 16;
  static final int EACH = 250;
  static final List<Seed> SEEDS = List.of(new Seed("aa"), new Seed("ab"), new Seed("ac"));
  static final Pattern WELL_FORMED = Pattern.compile(Seed.PATTERN + "[1-9a-hjkmnp-y][0-9a-hjkmnp-y]*");

  record Op(int region, RunId id, long start, long end, String token) {}

  @Test
  void enqueue_when16ThreadsOver3Regions_4000DistinctOrderedIds() throws Exception {
    LocalDynamoDb db = LocalDynamoDb.shared();
    List<String> tables = newTables(db);
    List<List<BuildEnqueuer>> instances = instances(db.client(), tables, 0, 0);
    List<Op> ops = run(instances, false);
    check(ops, db.client(), tables);
  }

  @Test
  void enqueue_whenWriteResponsesAreLostAndClientsRetryTheirToken_neverMintsASecondId()
      throws Exception {
    LocalDynamoDb db = LocalDynamoDb.shared();
    List<String> tables = newTables(db);
    List<LostResponses> faulty = new ArrayList<>();
    List<List<BuildEnqueuer>> instances = new ArrayList<>();
    for (int instance = 0; instance < 2; instance++) {
      LostResponses client = new LostResponses(db.client(), 0.05, 1000 + instance);
      faulty.add(client);
      instances.add(enqueuers(client, tables));
    }
    List<Op> ops = run(instances, true);
    check(ops, db.client(), tables);
    assertThat(faulty.stream().mapToLong(LostResponses::lost).sum())
        .as("responses lost").isGreaterThan(100);
    // Every token's claim names the ID its client got, and that run carries the token.
    DynamoDbClient plain = db.client();
    for (Op op : ops) {
      DynamoDbRunStore home = new DynamoDbRunStore(plain, tables.get(op.region()));
      assertThat(home.tokenOwner(op.token())).contains(op.id());
      DynamoDbRunStore holder = new DynamoDbRunStore(plain, tables.get(SEEDS.indexOf(op.id().seed())));
      assertThat(holder.get(op.id()).orElseThrow().request().clientToken()).isEqualTo(op.token());
    }
  }

  private static List<String> newTables(LocalDynamoDb db) {
    return SEEDS.stream().map(s -> db.newTable("runids-" + s)).toList();
  }

  /** Two instances (index 0, 1), each with one enqueuer per region. */
  private static List<List<BuildEnqueuer>> instances(DynamoDbClient client, List<String> tables,
      int unused, int unused2) {
    return List.of(enqueuers(client, tables), enqueuers(client, tables));
  }

  private static List<BuildEnqueuer> enqueuers(DynamoDbClient client, List<String> tables) {
    List<BuildRegion> regions = new ArrayList<>();
    for (int r = 0; r < SEEDS.size(); r++) {
      regions.add(new BuildRegion("region" + r, SEEDS.get(r),
          new BatchingRunIdAllocator(new DynamoDbRunIdAllocator(client, tables.get(r), SEEDS.get(r))),
          new DynamoDbRunStore(client, tables.get(r)), new InMemoryObjectStore(), BuildRegion.UNLIMITED));
    }
    return SEEDS.stream().map(s -> new BuildEnqueuer(s, regions, Clock.systemUTC())).toList();
  }

  private static List<Op> run(List<List<BuildEnqueuer>> instances, boolean tokens)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<Op>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          Random random = new Random(thread);
          List<BuildEnqueuer> instance = instances.get(thread % instances.size());
          List<Op> mine = new ArrayList<>();
          for (int i = 0; i < EACH; i++) {
            int region = random.nextInt(SEEDS.size());
            String token = tokens ? "t" + thread + "-" + i : null;
            BuildRequest request = RunStoreContract.request(token);
            long start = System.nanoTime();
            BuildRun run = null;
            for (int attempt = 0; run == null; attempt++) {
              try {
                run = instance.get(region).enqueue(request, Trigger.MANUAL);
              } catch (StorageException e) {
                if (!tokens || attempt > 50) {
                  throw e;
                }
              }
            }
            mine.add(new Op(region, run.id(), start, System.nanoTime(), token));
          }
          return mine;
        }));
      }
      List<Op> all = new ArrayList<>();
      for (Future<List<Op>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void check(List<Op> ops, DynamoDbClient client, List<String> tables) {
    assertThat(ops).hasSize(THREADS * EACH);
    Set<RunId> ids = new HashSet<>();
    Set<String> texts = new HashSet<>();
    for (Op op : ops) {
      String text = op.id().toString();
      assertThat(text).matches(WELL_FORMED);
      assertThat(RunId.parse(text)).isEqualTo(op.id());
      assertThat(op.id().seed()).isEqualTo(SEEDS.get(op.region()));
      ids.add(op.id());
      texts.add(text);
    }
    assertThat(ids).hasSize(THREADS * EACH);
    assertThat(texts).hasSize(THREADS * EACH);
    for (int r = 0; r < SEEDS.size(); r++) {
      int region = r;
      List<Op> mine = ops.stream().filter(o -> o.region() == region).toList();
      assertCommitOrder(mine);
      // The table holds exactly one run per enqueue: no retry minted a second.
      List<BuildRun> stored = new DynamoDbRunStore(client, tables.get(r)).list(null, 10_000);
      assertThat(stored).hasSize(mine.size());
      assertThat(stored.stream().map(BuildRun::id).toList())
          .containsExactlyInAnyOrderElementsOf(mine.stream().map(Op::id).toList());
    }
  }

  /** If A returned before B was called, A's sequence is smaller (a sweep, O(n log n)). */
  private static void assertCommitOrder(List<Op> ops) {
    List<Op> byEnd = ops.stream().sorted(Comparator.comparingLong(Op::end)).toList();
    List<Op> byStart = ops.stream().sorted(Comparator.comparingLong(Op::start)).toList();
    int ended = 0;
    long maxEnded = 0;
    Map<Long, Op> witness = new ConcurrentHashMap<>();
    for (Op b : byStart) {
      while (ended < byEnd.size() && byEnd.get(ended).end() < b.start()) {
        Op a = byEnd.get(ended++);
        if (a.id().sequence() > maxEnded) {
          maxEnded = a.id().sequence();
          witness.put(maxEnded, a);
        }
      }
      assertThat(b.id().sequence())
          .as("%s began after %s returned", b.id(), witness.get(maxEnded))
          .isGreaterThan(maxEnded);
    }
  }
}
