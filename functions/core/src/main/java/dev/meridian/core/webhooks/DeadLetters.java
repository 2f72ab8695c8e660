package dev.meridian.core.webhooks;

import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventIds;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.events.WebhookDeadLetter;
import dev.meridian.core.metrics.GlobalMetrics;
import dev.meridian.core.metrics.MetricNames;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a region's given-up deliveries are reported (docs/events.md "Webhook dead letters"): the
 * {@code meridian.webhooks.dead.letters} counter, and a {@code webhook-dead-letter} event in the
 * region's event log, which reaches EventBridge like every other event (exactly once per region,
 * from its sequence) and the event-log API — never a webhook, so a dead letter cannot cause
 * another ({@link WebhookDispatcher} skips the action).
 *
 * <p>The event id is stable per (region, webhook, delivery, attempt count): the same give-up
 * recorded twice (a retried function) is logged once, and a delivery redelivered and given up
 * again is a new event. It carries the target of the event the delivery was about, so an
 * EventBridge rule can match on {@code repository-name}. An append that fails is logged and does
 * not undo the delivery's state: the delivery's record is what counts.
 */
public final class DeadLetters {
  private static final System.Logger LOG = System.getLogger(DeadLetters.class.getName());

  private final String region;
  private final EventLog log;
  private final Clock clock;

  private DeadLetters(String region, EventLog log, Clock clock) {
    this.region = region;
    this.log = log;
    this.clock = clock;
  }

  /** Counts and logs dead letters in {@code region}'s event {@code log}. */
  public static DeadLetters logged(String region, EventLog log, Clock clock) {
    return new DeadLetters(region, log, clock);
  }

  /** Counts dead letters only (no event log at hand: unit tests of delivery alone). */
  public static DeadLetters counted(String region) {
    return new DeadLetters(region, null, Clock.systemUTC());
  }

  /** Reports that {@code dead} (in state DEAD, as saved) was given up for {@code reason}. */
  void record(Delivery dead, String reason) {
    GlobalMetrics.get().count(MetricNames.WEBHOOK_DEAD_LETTERS, 1, "region", region);
    if (log == null) {
      return;
    }
    try {
      log.append(event(dead, reason));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "webhook " + dead.webhook() + ": dead letter of delivery " + dead.id()
          + " not recorded in " + region + "'s event log: " + e.getMessage());
    }
  }

  private RegistryEvent event(Delivery d, String reason) {
    Delivery.Attempt last = d.attempts().isEmpty() ? null
        : d.attempts().get(d.attempts().size() - 1);
    Optional<RegistryEvent> about = d.eventId() == null ? Optional.empty() : log.find(d.eventId());
    WebhookDeadLetter letter = new WebhookDeadLetter(d.webhook(), d.id(), d.eventId(),
        d.action().wireName(), reason, d.attemptCount(), last == null ? -1 : last.status(),
        last == null ? null : last.error());
    String subject = "webhook/" + d.webhook() + "/" + d.id() + "/" + d.attemptCount();
    return new RegistryEvent(EventIds.of(region, EventAction.WEBHOOK_DEAD_LETTER, subject), 0,
        clock.instant(), EventAction.WEBHOOK_DEAD_LETTER,
        about.map(RegistryEvent::repository).orElse(null),
        about.map(RegistryEvent::tag).orElse(null), about.map(RegistryEvent::digest).orElse(null),
        about.map(RegistryEvent::mediaType).orElse(null),
        about.map(RegistryEvent::size).orElse(-1L), null, null, null, region, null, letter);
  }
}
