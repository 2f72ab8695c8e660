package dev.meridian.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SQS event source mapping as Lambda runs one (Lambda Developer Guide, "Using Lambda with
 * Amazon SQS"): pollers, as many as its maximum concurrency, each receive up to the batch size
 * (waiting up to the batching window for a fuller batch), invoke the function with SQS's event
 * JSON, and delete what succeeded:
 *
 * <ul>
 *   <li>a function error (the invocation throws) fails the whole batch: nothing is deleted, and
 *       every message is received again once its visibility timeout passes;
 *   <li>with {@code ReportBatchItemFailures}, the response's {@code batchItemFailures} name the
 *       messages that failed; only the others are deleted. A failure without an {@code
 *       itemIdentifier}, or naming a message not in the batch, fails the whole batch, as Lambda
 *       does.
 * </ul>
 *
 * What is received again too often goes to the queue's dead-letter queue ({@link SqsQueue}).
 */
final class SqsEventSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LONG_POLL = Duration.ofSeconds(1);

  /** One invocation of the function: event JSON in, response JSON out; throws on error. */
  interface Invocation {
    byte[] invoke(byte[] event) throws IOException;
  }

  /** The mapping's settings: template.yaml's {@code Type: SQS} event properties. */
  record Settings(int batchSize, Duration batchingWindow, int maxConcurrency) {}

  private final String function;
  private final SqsQueue queue;
  private final Settings settings;
  private final Invocation invocation;
  private final String queueArn;
  private final String awsRegion;
  private final Clock clock;
  private final ExecutorService pollers;
  private volatile boolean closing;

  private SqsEventSource(String function, SqsQueue queue, Settings settings,
      Invocation invocation, String awsRegion, Clock clock) {
    this.function = function;
    this.queue = queue;
    this.settings = settings;
    this.invocation = invocation;
    this.awsRegion = awsRegion;
    this.queueArn = "arn:aws:sqs:" + awsRegion + ":000000000000:" + queue.name();
    this.clock = clock;
    this.pollers = Executors.newFixedThreadPool(settings.maxConcurrency(), r -> {
      Thread t = new Thread(r, "sqs-" + queue.name());
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the mapping's pollers. */
  static SqsEventSource start(String function, SqsQueue queue, Settings settings,
      Invocation invocation, String awsRegion, Clock clock) {
    SqsEventSource source = new SqsEventSource(function, queue, settings, invocation, awsRegion,
        clock);
    for (int i = 0; i < settings.maxConcurrency(); i++) {
      source.pollers.execute(source::poll);
    }
    return source;
  }

  /** A mapping without pollers: {@link #deliver} is called by hand (tests). */
  static SqsEventSource startIdle(String function, SqsQueue queue, Invocation invocation,
      String awsRegion, Clock clock) {
    return new SqsEventSource(function, queue, new Settings(10, Duration.ZERO, 1), invocation,
        awsRegion, clock);
  }

  private void poll() {
    while (!closing) {
      try {
        queue.awaitVisible(LONG_POLL);
        if (closing) {
          return;
        }
        awaitBatch();
        List<SqsQueue.Received> batch = queue.receive(settings.batchSize());
        if (!batch.isEmpty()) {
          deliver(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("{}: poller failed: {}", function, e.toString());
      }
    }
  }

  /** Lambda waits up to the batching window while the batch is not full. */
  private void awaitBatch() throws InterruptedException {
    Instant until = clock.instant().plus(settings.batchingWindow());
    while (queue.visible() < settings.batchSize() && clock.instant().isBefore(until) && !closing) {
      Thread.sleep(20);
    }
  }

  /** One invocation with {@code batch}; deletes what succeeded. */
  void deliver(List<SqsQueue.Received> batch) {
    Set<String> failed;
    try {
      failed = failures(invocation.invoke(event(batch)), batch);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: invocation with {} message(s) failed, all will be received again after the"
          + " visibility timeout: {}", function, batch.size(), e.toString());
      return;
    }
    for (SqsQueue.Received m : batch) {
      if (!failed.contains(m.messageId())) {
        queue.delete(m.messageId(), m.receiptHandle());
      }
    }
    if (!failed.isEmpty()) {
      LOG.warn("{}: {} of {} message(s) reported failed; received again after the visibility"
          + " timeout", function, failed.size(), batch.size());
    }
  }

  /** The IDs of the batch's failed messages; every ID when the response is malformed. */
  private Set<String> failures(byte[] response, List<SqsQueue.Received> batch) throws IOException {
    Set<String> all = new HashSet<>();
    batch.forEach(m -> all.add(m.messageId()));
    JsonNode body = response.length == 0 ? null : JSON.readTree(response);
    JsonNode items = body == null ? null : body.get("batchItemFailures");
    if (items == null || items.isNull() || items.isEmpty()) {
      return Set.of();
    }
    Set<String> failed = new HashSet<>();
    for (JsonNode item : items) {
      String id = item.path("itemIdentifier").asText("");
      if (!all.contains(id)) {
        LOG.warn("{}: batchItemFailures names '{}', not a message of the batch: the whole batch"
            + " failed", function, id);
        return all;
      }
      failed.add(id);
    }
    return failed;
  }

  /** SQS's event for Lambda: one record per message. */
  byte[] event(List<SqsQueue.Received> batch) throws IOException {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (SqsQueue.Received m : batch) {
      ObjectNode r = records.addObject();
      r.put("messageId", m.messageId());
      r.put("receiptHandle", m.receiptHandle());
      r.put("body", m.body());
      ObjectNode attributes = r.putObject("attributes");
      attributes.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
      attributes.put("SentTimestamp", Long.toString(m.sent().toEpochMilli()));
      attributes.put("SenderId", "meridian-local");
      attributes.put("ApproximateFirstReceiveTimestamp",
          Long.toString(m.firstReceived().toEpochMilli()));
      r.putObject("messageAttributes");
      r.put("md5OfBody", md5(m.body()));
      r.put("eventSource", "aws:sqs");
      r.put("eventSourceARN", queueArn);
      r.put("awsRegion", awsRegion);
    }
    return JSON.writeValueAsBytes(event);
  }

  private static String md5(String body) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("MD5")
          .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    closing = true;
    pollers.shutdownNow();
    try {
      pollers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
