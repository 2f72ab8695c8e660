package dev.meridian.core.events;

import java.util.List;

/**
 * What a {@code webhook-dead-letter} event says about the delivery given up (docs/events.md
 * "Webhook dead letters"). Plain text fields, so the event log needs nothing of the webhooks
 * package.
 *
 * @param name the webhook's name
 * @param deliveryId the delivery's id: the {@code webhook-id} header its attempts carried, and the
 *     id to redeliver ({@code POST /meridian/v1/webhooks/<name>/events/<deliveryId>/redeliver})
 * @param eventId the id of the regional event the delivery carried
 * @param eventAction that event's action ({@code push}, {@code delete}, {@code replicated},
 *     {@code build})
 * @param reason {@code retries-exhausted} (the retry horizon passed), {@code gone} (the receiver
 *     answered 410 and the webhook was disabled) or {@code webhook-deleted}
 * @param attempts how many attempts were made in all
 * @param lastStatus the last attempt's HTTP status, or -1 when there was no response (or none)
 * @param lastError why the last attempt did not succeed, or null
 */
public record WebhookDeadLetter(String name, String deliveryId, String eventId,
    String eventAction, String reason, int attempts, int lastStatus, String lastError) {
  public static final List<String> REASONS =
      List.of("retries-exhausted", "gone", "webhook-deleted");

  public WebhookDeadLetter {
    if (!REASONS.contains(reason)) {
      throw new IllegalArgumentException("unknown dead-letter reason " + reason);
    }
  }
}
