package dev.meridian.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.fakes.InMemoryEventLog;
import dev.meridian.core.fakes.InMemoryPublishCursor;
import dev.meridian.core.naming.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EventPublisherTest {
  private static final Duration LEASE = Duration.ofSeconds(60);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final InMemoryPublishCursor cursor = new InMemoryPublishCursor();
  private final RecordingBus bus = new RecordingBus();
  private final EventPublisher publisher = new EventPublisher(log, cursor, bus, LEASE, clock);

  /** A bus that records what it accepted and refuses the ids it is told to, a number of times. */
  static final class RecordingBus implements EventBus {
    final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> refuseTimes = new HashMap<>();
    volatile CountDownLatch holdUntil;
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public List<String> publish(List<RegistryEvent> events) {
      assertThat(events.size()).isLessThanOrEqualTo(MAX_BATCH);
      entered.countDown();
      if (holdUntil != null) {
        try {
          holdUntil.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      List<String> out = new ArrayList<>();
      for (RegistryEvent e : events) {
        int left = refuseTimes.getOrDefault(e.id(), 0);
        if (left > 0) {
          refuseTimes.put(e.id(), left - 1);
          out.add("ThrottlingException: rate exceeded");
        } else {
          accepted.add(e.id());
          out.add(null);
        }
      }
      return out;
    }
  }

  private List<String> append(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "e" + (log.all().size() + 1);
      log.append(new RegistryEvent(id, 0, clock.instant(), EventAction.PUSH, "team/app", "v" + i,
          null, null, -1, new Seed("aa"), null, null, "eastus"));
      ids.add(id);
    }
    return ids;
  }

  @Test
  void publishPending_sendsEveryEventInOrder_inBatchesOfTen_once() {
    List<String> ids = append(25);
    EventPublisher.Report first = publisher.publishPending();
    EventPublisher.Report again = publisher.publishPending();
    assertThat(bus.accepted).containsExactlyElementsOf(ids);
    assertThat(first.published()).isEqualTo(25);
    assertThat(first.position()).isEqualTo(25);
    assertThat(again.published()).isZero();
  }

  @Test
  void publishPending_whenAnEntryIsRefusedTwice_resendsOnlyIt() {
    List<String> ids = append(3);
    bus.refuseTimes.put(ids.get(1), EventPublisher.ATTEMPTS - 1);
    assertThat(publisher.publishPending().published()).isEqualTo(3);
    assertThat(bus.accepted).containsExactlyInAnyOrderElementsOf(ids).hasSize(3);
  }

  @Test
  void publishPending_whenAnEntryIsAlwaysRefused_stopsBeforeIt_andThrows_thenResumesThere() {
    List<String> ids = append(4);
    bus.refuseTimes.put(ids.get(2), EventPublisher.ATTEMPTS);
    assertThatThrownBy(publisher::publishPending).hasMessageContaining(ids.get(2));
    assertThat(bus.accepted).containsExactly(ids.get(0), ids.get(1), ids.get(3));

    EventPublisher.Report retry = publisher.publishPending();
    // the refused entry now, and the one after it again: the only duplicate the design allows
    assertThat(bus.accepted.subList(3, bus.accepted.size())).containsExactly(ids.get(2), ids.get(3));
    assertThat(retry.position()).isEqualTo(4);
  }

  @Test
  void publishPending_whileAnotherPublisherHoldsTheCursor_sendsNothing() throws Exception {
    List<String> ids = append(3);
    bus.holdUntil = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<EventPublisher.Report> first = pool.submit(publisher::publishPending);
      bus.entered.await();
      EventPublisher.Report second =
          new EventPublisher(log, cursor, bus, LEASE, clock).publishPending();
      bus.holdUntil.countDown();
      assertThat(second.busy()).isTrue();
      assertThat(second.published()).isZero();
      assertThat(first.get().published()).isEqualTo(3);
      assertThat(bus.accepted).containsExactlyElementsOf(ids);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void publishPending_afterACrashedPublishersLeasePassed_takesOver() {
    append(2);
    cursor.claim(clock.instant(), LEASE); // a publisher that died holding the cursor
    assertThat(publisher.publishPending().busy()).isTrue();
    clock.advance(LEASE.plusSeconds(1));
    assertThat(publisher.publishPending().published()).isEqualTo(2);
  }
}
