package dev.meridian.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.fakes.FailingAuditStore;
import dev.meridian.core.fakes.ForwardingAuditStore;
import dev.meridian.core.fakes.InMemoryAuditStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundAuditWriterTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryAuditStore east = new InMemoryAuditStore();
  private final InMemoryAuditStore west = new InMemoryAuditStore();
  private final List<BackgroundAuditWriter> writers = new ArrayList<>();

  @AfterEach
  void closeWriters() {
    writers.forEach(BackgroundAuditWriter::close);
  }

  private AuditLog log(AuditStore local) {
    return new AuditLog("eastus", local, Map.of("eastus", local, "westeurope", west),
        new AuditSettings(1, Duration.ofDays(30)), clock);
  }

  private BackgroundAuditWriter writer(AuditLog log, int capacity) {
    BackgroundAuditWriter writer = new BackgroundAuditWriter(log, capacity,
        Duration.ofSeconds(30), System::nanoTime);
    writers.add(writer);
    return writer;
  }

  private static AuditEntry pull(String reference) {
    return new AuditEntry("alice", "image.pull", 200, "10.0.0.1", "team/app", reference, "", "");
  }

  @Test
  void close_whenEntriesAreQueued_appendsThemAllInSubmitOrder() {
    BackgroundAuditWriter writer = writer(log(east), 1_000);
    for (int i = 0; i < 450; i++) {
      assertThat(writer.submit(pull("v" + i))).isTrue();
    }

    writer.close();

    List<AuditRecord> stored = east.read("eastus", 0, 1_000);
    assertThat(stored).extracting(r -> r.entry().reference())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 450)
            .mapToObj(i -> "v" + i).toList());
    assertThat(west.read("eastus", 0, 1_000)).containsExactlyElementsOf(stored);
    assertThat(log(east).verify()).allMatch(ChainReport::intact);
    assertThat(writer.queued()).isZero();
    assertThat(writer.dropped()).isZero();
  }

  @Test
  void submit_whenTheQueueIsFull_dropsTheEntryAndCountsIt() throws Exception {
    Blocking blocking = new Blocking(east);
    BackgroundAuditWriter writer = writer(log(blocking), 3);
    writer.submit(pull("taken"));
    assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue(); // the writer holds it

    List<Boolean> accepted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      accepted.add(writer.submit(pull("v" + i)));
    }

    assertThat(accepted).containsExactly(true, true, true, false, false);
    assertThat(writer.dropped()).isEqualTo(2);
    blocking.release.countDown();
    writer.close();
    assertThat(east.read("eastus", 0, 10)).extracting(r -> r.entry().reference())
        .containsExactly("taken", "v0", "v1", "v2");
  }

  @Test
  void append_whenOneCallerRepeatsAPullManyTimes_writesOneRecordPerBatchNotPerHundred()
      throws Exception {
    Blocking blocking = new Blocking(east);
    BackgroundAuditWriter writer = writer(log(blocking), 1_000);
    writer.submit(pull("taken"));
    assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue(); // the writer holds it
    for (int i = 0; i < 500; i++) {
      writer.submit(pull("same"));
    }
    writer.submit(pull("other"));

    blocking.release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (writer.queued() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1); // all taken into the batch, which lingers
    }
    writer.close();

    assertThat(east.read("eastus", 0, 10)).extracting(r -> r.entry().reference(),
        r -> r.entry().detail())
        .containsExactly(tuple("taken", ""), tuple("same", "count=500"), tuple("other", ""));
  }

  @Test
  void submit_afterClose_appendsOnTheCallersThread() {
    BackgroundAuditWriter writer = writer(log(east), 10);
    writer.close();

    assertThat(writer.submit(pull("late"))).isTrue();

    assertThat(east.read("eastus", 0, 10)).extracting(r -> r.entry().reference())
        .containsExactly("late");
  }

  @Test
  void submit_whenTheAuditTableFails_countsTheLostEntriesAndGoesOn() throws Exception {
    FailingAuditStore failing = new FailingAuditStore(east);
    BackgroundAuditWriter writer = writer(log(failing), 10);
    failing.failNext(1);
    writer.submit(pull("lost"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (writer.failed() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    writer.submit(pull("kept"));
    writer.close();

    assertThat(writer.failed()).isEqualTo(1);
    assertThat(east.read("eastus", 0, 10)).extracting(r -> r.entry().reference())
        .containsExactly("kept");
  }

  @Test
  void appends_whenInlineAndBackgroundWritersRunConcurrently_keepEveryChainIntact()
      throws Exception {
    AuditLog first = log(east);
    AuditLog second = log(east); // a second instance of the same region (another process)
    BackgroundAuditWriter firstPulls = writer(first, 10_000);
    BackgroundAuditWriter secondPulls = writer(second, 10_000);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int thread = t;
      AuditLog log = t % 2 == 0 ? first : second;
      BackgroundAuditWriter pulls = t % 2 == 0 ? firstPulls : secondPulls;
      done.add(threads.submit(() -> {
        for (int i = 0; i < 60; i++) {
          pulls.submit(pull("t" + thread + "-" + i));
          if (i % 4 == 0) {
            log.append(new AuditEntry("bob", "image.push", 201, "", "team/app",
                "t" + thread + "-" + i, "", ""));
          }
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();
    firstPulls.close();
    secondPulls.close();

    int expected = 6 * 60 + 6 * 15;
    assertThat(first.verify()).allMatch(ChainReport::intact);
    assertThat(first.verify().get(0).records()).isEqualTo(expected);
    assertThat(west.read("eastus", 0, 1_000)).hasSize(expected)
        .containsExactlyElementsOf(east.read("eastus", 0, 1_000));
    assertThat(firstPulls.dropped() + secondPulls.dropped()).isZero();
  }

  /** Holds the first put until released, as a slow audit table would. */
  private static final class Blocking extends ForwardingAuditStore {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Blocking(AuditStore inner) {
      super(inner);
    }

    @Override
    public int putInOrder(List<AuditRecord> records) {
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.putInOrder(records);
    }
  }
}
