package dev.meridian.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event source's handling of one invocation's outcome (deliver is called directly). */
class SqsEventSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SqsQueueTest.MutableClock clock = new SqsQueueTest.MutableClock();
  private final SqsQueue queue = new SqsQueue("meridian-eastus-BuildQueue", Duration.ofSeconds(60),
      2, clock);
  private final List<JsonNode> events = new ArrayList<>();

  @Test
  void deliver_withBatchItemFailures_deletesOnlyTheOthers() throws Exception {
    queue.send("good");
    queue.send("bad");
    List<SqsQueue.Received> batch = queue.receive(10);
    String badId = batch.get(1).messageId();

    source(event -> "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + badId + "\"}]}")
        .deliver(batch);

    assertThat(queue.size()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(60));
    assertThat(queue.receive(10)).extracting(SqsQueue.Received::body).containsExactly("bad");
  }

  @Test
  void deliver_whenTheFunctionFails_deletesNothing_andTheBatchComesBackAfterTheTimeout() {
    queue.send("a");
    queue.send("b");

    source(event -> {
      throw new IOException("function error");
    }).deliver(queue.receive(10));

    assertThat(queue.receive(10)).isEmpty();
    clock.advance(Duration.ofSeconds(60));
    assertThat(queue.receive(10)).hasSize(2);
  }

  @Test
  void deliver_whenAFailureNamesNoMessageOfTheBatch_failsTheWholeBatch() {
    queue.send("a");
    queue.send("b");

    source(event -> "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}")
        .deliver(queue.receive(10));

    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  void deliver_withAnEmptyResponseOrNoFailures_deletesTheBatch() {
    queue.send("a");
    source(event -> "").deliver(queue.receive(10));
    queue.send("b");
    source(event -> "{\"batchItemFailures\":[]}").deliver(queue.receive(10));

    assertThat(queue.size()).isZero();
  }

  @Test
  void event_isSqsEventJson_asTheLambdaEventsLibraryReadsIt() throws Exception {
    queue.send("{\"build\":\"run\",\"sequence\":\"00000000000000000007\"}");

    source(event -> "").deliver(queue.receive(10));

    JsonNode record = events.get(0).get("Records").get(0);
    assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
    assertThat(record.get("eventSourceARN").asText())
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:meridian-eastus-BuildQueue");
    assertThat(record.at("/attributes/ApproximateReceiveCount").asText()).isEqualTo("1");
    assertThat(record.get("body").asText()).contains("\"sequence\"");
  }

  private interface Answer {
    String answer(JsonNode event) throws IOException;
  }

  private SqsEventSource source(Answer answer) {
    return SqsEventSource.startIdle("runBuildQueue", queue, event -> {
      JsonNode parsed = JSON.readTree(event);
      events.add(parsed);
      return answer.answer(parsed).getBytes(StandardCharsets.UTF_8);
    }, "us-east-1", clock);
  }
}
