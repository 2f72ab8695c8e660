package dev.meridian.core.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One message to one webhook and what became of it: the body is built once, when the event is
 * enqueued, so every retry sends the same bytes under the same {@code id} (receivers deduplicate
 * on {@code webhook-id} — Standard Webhooks "Idempotency" — and on the payload's {@code id}).
 *
 * @param id stable for (webhook, event): {@link #idFor}
 * @param eventId the regional event's id; null for a ping
 * @param state PENDING until delivered or given up
 * @param windowStart start of the retry horizon: the first attempt, or the last redelivery
 * @param nextAttemptAt when a PENDING delivery is due
 * @param attempts the attempts made, oldest first, the last {@link #KEPT_ATTEMPTS} kept
 * @param attemptCount how many attempts were made in all
 */
public record Delivery(String webhook, String id, String eventId, WebhookAction action,
    String body, State state, Instant createdAt, Instant windowStart, Instant nextAttemptAt,
    int attemptCount, List<Attempt> attempts) {

  static final int KEPT_ATTEMPTS = 20;

  public enum State {
    /** Waiting for its next attempt. */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Given up (horizon passed, webhook gone or answered 410): redeliver sends it again. */
    DEAD,
    /** A ping that failed (pings are not retried). */
    FAILED
  }

  /**
   * One attempt.
   *
   * @param status the receiver's HTTP status, or -1 when there was no response
   * @param error why there was no (2xx) response, or null
   * @param summary {@link WebhookSender.Response#summary()}: status, media type and declared
   *     length of the receiver's answer, never its body; null when there was none
   */
  public record Attempt(Instant at, int status, long latencyMillis, String error,
      String summary) {}

  public Delivery {
    attempts = List.copyOf(attempts);
  }

  /** The stable message id of {@code eventId} for {@code webhook}: a name-based UUID. */
  public static String idFor(String webhook, String eventId) {
    return UUID.nameUUIDFromBytes(("webhook\n" + webhook + "\n" + eventId)
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A new PENDING delivery, due now. */
  public static Delivery pending(String webhook, String id, String eventId, WebhookAction action,
      String body, Instant now) {
    return new Delivery(webhook, id, eventId, action, body, State.PENDING, now, now, now, 0,
        List.of());
  }

  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** This delivery after {@code attempt}, now in {@code next} state, due at {@code due}. */
  public Delivery after(Attempt attempt, State next, Instant due) {
    List<Attempt> kept = new ArrayList<>(attempts);
    kept.add(attempt);
    if (kept.size() > KEPT_ATTEMPTS) {
      kept = kept.subList(kept.size() - KEPT_ATTEMPTS, kept.size());
    }
    return new Delivery(webhook, id, eventId, action, body, next, createdAt, windowStart, due,
        attemptCount + 1, kept);
  }

  /** Back to PENDING, due now, with a fresh retry horizon (redelivery from the dead letters). */
  public Delivery redeliver(Instant now) {
    return new Delivery(webhook, id, eventId, action, body, State.PENDING, createdAt, now, now,
        attemptCount, attempts);
  }

  /** Given up without an attempt (the webhook was deleted). */
  public Delivery dead(Instant now) {
    return new Delivery(webhook, id, eventId, action, body, State.DEAD, createdAt, windowStart,
        now, attemptCount, attempts);
  }
}
