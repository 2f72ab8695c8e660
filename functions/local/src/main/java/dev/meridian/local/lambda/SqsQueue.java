package dev.meridian.local.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A standard SQS queue, as far as a Lambda event source uses one (SQS Developer Guide, "Visibility
 * timeout" and "Using dead-letter queues"):
 *
 * <ul>
 *   <li>a received message is invisible for the queue's visibility timeout; if it is not deleted
 *       by then, it is visible again and is received again;
 *   <li>each receive raises its {@code ApproximateReceiveCount}; with a redrive policy, a message
 *       whose count would exceed {@code maxReceiveCount} is moved to the dead-letter queue
 *       instead of being received;
 *   <li>a delete names the receipt handle of the latest receive; an older handle deletes nothing
 *       (the message was received again in between).
 * </ul>
 *
 * Messages are kept in memory: a restart of the local runtime loses them, as queue messages are
 * never the only record here (runs and webhook deliveries live in the region's table, and a
 * start re-sends what the table still holds).
 */
final class SqsQueue {
  /** A message as one receive hands it out. */
  record Received(String messageId, String receiptHandle, String body, int receiveCount,
      Instant sent, Instant firstReceived) {}

  private static final class Entry {
    final String id = UUID.randomUUID().toString();
    final String body;
    final Instant sent;
    Instant visibleAt;
    Instant firstReceived;
    int receiveCount;
    String receiptHandle;

    Entry(String body, Instant sent) {
      this.body = body;
      this.sent = sent;
      this.visibleAt = sent;
    }
  }

  private final String name;
  private final Duration visibilityTimeout;
  private final int maxReceiveCount;
  private final Clock clock;
  private final Map<String, Entry> messages = new LinkedHashMap<>();
  private final List<String> deadLetters = new ArrayList<>();

  /** @param maxReceiveCount the redrive policy's count; 0 for a queue without one */
  SqsQueue(String name, Duration visibilityTimeout, int maxReceiveCount, Clock clock) {
    this.name = name;
    this.visibilityTimeout = visibilityTimeout;
    this.maxReceiveCount = maxReceiveCount;
    this.clock = clock;
  }

  String name() {
    return name;
  }

  /** SendMessage: visible at once. Returns the message ID. */
  synchronized String send(String body) {
    Entry entry = new Entry(body, clock.instant());
    messages.put(entry.id, entry);
    notifyAll();
    return entry.id;
  }

  /** ReceiveMessage: up to {@code max} visible messages, oldest first. */
  synchronized List<Received> receive(int max) {
    Instant now = clock.instant();
    List<Received> received = new ArrayList<>();
    Iterator<Entry> it = messages.values().iterator();
    while (it.hasNext() && received.size() < max) {
      Entry e = it.next();
      if (e.visibleAt.isAfter(now)) {
        continue;
      }
      if (maxReceiveCount > 0 && e.receiveCount >= maxReceiveCount) {
        it.remove(); // the redrive policy moves it rather than hand it out once more
        deadLetters.add(e.body);
        continue;
      }
      e.receiveCount++;
      e.firstReceived = e.firstReceived == null ? now : e.firstReceived;
      e.visibleAt = now.plus(visibilityTimeout);
      e.receiptHandle = UUID.randomUUID().toString();
      received.add(new Received(e.id, e.receiptHandle, e.body, e.receiveCount, e.sent,
          e.firstReceived));
    }
    return received;
  }

  /** DeleteMessage with a receipt handle; false when the handle is no longer the latest. */
  synchronized boolean delete(String messageId, String receiptHandle) {
    Entry e = messages.get(messageId);
    if (e == null || !receiptHandle.equals(e.receiptHandle)) {
      return false;
    }
    messages.remove(messageId);
    return true;
  }

  /** Messages visible now (SQS: ApproximateNumberOfMessagesVisible). */
  synchronized int visible() {
    Instant now = clock.instant();
    return (int) messages.values().stream().filter(e -> !e.visibleAt.isAfter(now)).count();
  }

  /** Messages visible or in flight. */
  synchronized int size() {
    return messages.size();
  }

  /** The bodies the redrive policy moved to the dead-letter queue, oldest first. */
  synchronized List<String> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** When the next message becomes visible, if any is waiting. */
  synchronized Optional<Instant> nextVisible() {
    return messages.values().stream().map(e -> e.visibleAt).min(Instant::compareTo);
  }

  /**
   * Waits until a message is visible or {@code limit} passed (a long poll, WaitTimeSeconds);
   * returns at once when one is.
   */
  synchronized void awaitVisible(Duration limit) throws InterruptedException {
    Instant deadline = clock.instant().plus(limit);
    while (visible() == 0) {
      Instant now = clock.instant();
      Instant until = nextVisible().filter(deadline::isAfter).orElse(deadline);
      long millis = Duration.between(now, until).toMillis();
      if (!now.isBefore(deadline)) {
        return;
      }
      wait(Math.max(1, millis));
    }
  }
}
