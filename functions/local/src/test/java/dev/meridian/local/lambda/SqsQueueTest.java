package dev.meridian.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsQueueTest {
  private final MutableClock clock = new MutableClock();
  private final SqsQueue queue = new SqsQueue("q", Duration.ofSeconds(30), 3, clock);

  @Test
  void receive_whenNotDeleted_isInvisibleUntilTheVisibilityTimeoutPasses() {
    queue.send("a");
    SqsQueue.Received first = queue.receive(10).get(0);

    assertThat(queue.receive(10)).isEmpty();
    clock.advance(Duration.ofSeconds(29));
    assertThat(queue.receive(10)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    SqsQueue.Received again = queue.receive(10).get(0);

    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.receiveCount()).isEqualTo(2);
    assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
  }

  @Test
  void delete_withAnOlderReceiptHandle_deletesNothing() {
    queue.send("a");
    SqsQueue.Received first = queue.receive(10).get(0);
    clock.advance(Duration.ofSeconds(30));
    SqsQueue.Received second = queue.receive(10).get(0);

    assertThat(queue.delete(first.messageId(), first.receiptHandle())).isFalse();
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.delete(second.messageId(), second.receiptHandle())).isTrue();
    assertThat(queue.size()).isZero();
  }

  @Test
  void receive_pastMaxReceiveCount_movesTheMessageToTheDeadLetterQueue() {
    queue.send("poison");
    queue.send("good");
    for (int i = 0; i < 3; i++) {
      assertThat(queue.receive(1)).extracting(SqsQueue.Received::body).containsExactly("poison");
      clock.advance(Duration.ofSeconds(30));
    }

    List<SqsQueue.Received> next = queue.receive(1);

    assertThat(next).extracting(SqsQueue.Received::body).containsExactly("good");
    assertThat(queue.deadLetters()).containsExactly("poison");
  }

  @Test
  void receive_returnsAtMostTheBatchSize_oldestFirst() {
    for (int i = 0; i < 5; i++) {
      queue.send("m" + i);
    }

    assertThat(queue.receive(3)).extracting(SqsQueue.Received::body)
        .containsExactly("m0", "m1", "m2");
    assertThat(queue.visible()).isEqualTo(2);
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-07T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
