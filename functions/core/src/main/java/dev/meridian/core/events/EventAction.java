package dev.meridian.core.events;

import java.util.Locale;

/**
 * What a regional event reports (ACR webhook actions): content became visible ({@code push}) or
 * left ({@code delete}) in this region, or a change accepted here is now applied in every region
 * ({@code replicated}, docs/architecture.md, replication protocol step 4), or a build run changed phase
 * ({@code build}: queued, started, succeeded, failed, canceled; {@link BuildEvent}), or a webhook
 * delivery of this region was given up ({@code webhook-dead-letter}; {@link WebhookDeadLetter}).
 * Webhooks never receive {@code webhook-dead-letter}: a dead-letter delivered to a webhook could
 * itself be dead-lettered, and so on; it goes to the event log API and EventBridge only.
 */
public enum EventAction {
  PUSH,
  DELETE,
  REPLICATED,
  BUILD,
  WEBHOOK_DEAD_LETTER;

  /**
   * The wire name: {@code push}, {@code delete}, {@code replicated}, {@code build}, {@code
   * webhook-dead-letter}.
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The action with this wire name; throws {@link IllegalArgumentException} on anything else. */
  public static EventAction parse(String wireName) {
    for (EventAction a : values()) {
      if (a.wireName().equals(wireName)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown event action " + wireName);
  }
}
