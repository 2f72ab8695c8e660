package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.events.BuildEvent;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.events.WebhookDeadLetter;
import dev.meridian.core.naming.Seed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link EventLog} must have (after distribution's driver test suites). An
 * adapter's test extends this class and returns a fresh, empty log from {@link #newLog()}.
 */
public abstract class EventLogContract {
  private EventLog log;

  protected abstract EventLog newLog();

  /**
   * A second instance writing to the same log as {@code log} (another function instance: on AWS
   * many write one region's table); an implementation without instances returns {@code log}.
   */
  protected EventLog sameLogElsewhere(EventLog log) {
    return log;
  }

  @BeforeEach
  void setUp() {
    log = newLog();
  }

  static RegistryEvent draft(String id) {
    return new RegistryEvent(id, 0, Instant.parse("2025-01-01T00:00:00Z"), EventAction.PUSH,
        "library/alpine", "latest", "sha256:" + "a".repeat(64),
        "application/vnd.oci.image.manifest.v1+json", 123, new Seed("aa"), "000001735689600000-000000-aa",
        new EventRequest("req-1", "registry.test", "PUT", "skopeo/1.9"), "eastus");
  }

  @Test
  void append_whenNew_assignsIncreasingSequencesFromOne() {
    long first = log.append(draft("e1")).event().sequence();
    long second = log.append(draft("e2")).event().sequence();
    assertThat(first).isEqualTo(1);
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void append_whenIdAlreadyAppended_keepsTheFirstAndReportsNotAppended() {
    EventLog.Appended first = log.append(draft("e1"));
    EventLog.Appended again = log.append(draft("e1"));
    assertThat(first.appended()).isTrue();
    assertThat(again.appended()).isFalse();
    assertThat(again.event().sequence()).isEqualTo(first.event().sequence());
    assertThat(log.readAfter(0, 10)).hasSize(1);
  }

  @Test
  void append_storesEveryField() {
    RegistryEvent stored = log.append(draft("e1")).event();
    assertThat(log.find("e1")).contains(stored);
    assertThat(stored).isEqualTo(draft("e1").withSequence(stored.sequence()));
  }

  @Test
  void append_whenBuildEvent_storesItsRunToo() {
    RegistryEvent build = new RegistryEvent("b1", 0, Instant.parse("2025-01-01T00:00:00Z"),
        EventAction.BUILD, "team/app", "aa7", "sha256:" + "d".repeat(64), null, -1, new Seed("aa"), null,
        null, "eastus", new BuildEvent("aa7", "succeeded", "Succeeded", "timer",
            "t1@2025-01-01T00:00:00Z", List.of("team/app:aa7", "team/app:latest"),
            List.of(new BuildEvent.Output("team/app:aa7", "sha256:" + "d".repeat(64))), null));
    RegistryEvent failed = new RegistryEvent("b2", 0, Instant.parse("2025-01-01T00:00:01Z"),
        EventAction.BUILD, "team/app", null, null, null, -1, new Seed("aa"), null, null, "eastus",
        new BuildEvent("aa8", "failed", "Timeout", "manual", null, List.of(), List.of(),
            "timed out after PT1H"));

    RegistryEvent stored = log.append(build).event();
    RegistryEvent storedFailed = log.append(failed).event();

    assertThat(log.find("b1")).contains(build.withSequence(stored.sequence()));
    assertThat(log.find("b2")).contains(failed.withSequence(storedFailed.sequence()));
  }

  @Test
  void append_whenWebhookDeadLetter_storesItsDeliveryToo() {
    RegistryEvent dead = new RegistryEvent("w1", 0, Instant.parse("2025-01-01T00:00:00Z"),
        EventAction.WEBHOOK_DEAD_LETTER, "team/app", "v1", "sha256:" + "d".repeat(64), null, -1,
        null, null, null, "eastus", null, new WebhookDeadLetter("hookone", "d-1", "e1", "push",
            "retries-exhausted", 12, 503, "receiver answered 503"));
    RegistryEvent unknown = new RegistryEvent("w2", 0, Instant.parse("2025-01-01T00:00:01Z"),
        EventAction.WEBHOOK_DEAD_LETTER, null, null, null, null, -1, null, null, null, "eastus",
        null, new WebhookDeadLetter("hookone", "d-2", null, "delete", "webhook-deleted", 0, -1,
            null));

    RegistryEvent stored = log.append(dead).event();
    RegistryEvent storedUnknown = log.append(unknown).event();

    assertThat(log.find("w1")).contains(dead.withSequence(stored.sequence()));
    assertThat(log.find("w2")).contains(unknown.withSequence(storedUnknown.sequence()));
  }

  @Test
  void readAfter_returnsLaterEventsAscendingUpToLimit() {
    for (int i = 1; i <= 5; i++) {
      log.append(draft("e" + i));
    }
    List<RegistryEvent> page = log.readAfter(2, 2);
    assertThat(page).extracting(RegistryEvent::id).containsExactly("e3", "e4");
    assertThat(log.readAfter(5, 10)).isEmpty();
    assertThat(log.find("missing")).isEmpty();
  }

  @Test
  void append_whenConcurrentWithOneId_appendsExactlyOnce() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      tasks.add(() -> {
        start.await();
        return log.append(draft("same")).appended();
      });
    }
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      tasks.forEach(t -> futures.add(pool.submit(t)));
      start.countDown();
      int appended = 0;
      for (Future<Boolean> f : futures) {
        appended += f.get() ? 1 : 0;
      }
      assertThat(appended).isEqualTo(1);
      assertThat(log.readAfter(0, 100)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void append_whenConcurrentWithDistinctIds_givesDistinctSequences() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String id = "e" + i;
        futures.add(pool.submit(() -> log.append(draft(id))));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(log.readAfter(0, 100)).extracting(RegistryEvent::sequence)
        .doesNotHaveDuplicates().hasSize(40).isSorted();
  }

  @Test
  void append_whenTwoInstancesTakeTurns_givesEachEventTheNextSequence() {
    EventLog other = sameLogElsewhere(log);
    // Each instance's idea of the last sequence goes stale whenever the other appends.
    for (int i = 0; i < 6; i++) {
      (i % 3 == 0 ? other : log).append(draft("t" + i));
    }
    assertThat(other.append(draft("t0")).appended()).isFalse();
    assertThat(log.append(draft("t1")).appended()).isFalse();
    assertThat(log.readAfter(0, 100)).extracting(RegistryEvent::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(other.readAfter(0, 100)).extracting(RegistryEvent::id)
        .containsExactly("t0", "t1", "t2", "t3", "t4", "t5");
  }
}
