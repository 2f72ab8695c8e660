package dev.meridian.core.webhooks;

import dev.meridian.core.events.EventLog;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes one attempt of a delivery and records its outcome. Only a 2xx is success (Standard
 * Webhooks "Delivery behavior"); a 410 Gone disables the webhook and dead-letters the delivery (the
 * receiver said it no longer wants deliveries — the convention of Standard Webhooks, Svix and
 * Stripe); anything else is retried on the {@link Backoff} schedule until the horizon, then
 * dead-lettered; each dead letter is reported to {@link DeadLetters}. Logs name the webhook and
 * delivery, never the secret or header values.
 */
public final class Deliverer {
  private static final System.Logger LOG = System.getLogger(Deliverer.class.getName());

  private final WebhookStore store;
  private final WebhookSender sender;
  private final WebhookSettings settings;
  private final Clock clock;
  private final DeadLetters deadLetters;

  /** Dead letters are counted only ({@link DeadLetters#counted}). */
  public Deliverer(WebhookStore store, WebhookSender sender, WebhookSettings settings,
      Clock clock) {
    this(store, sender, settings, clock, DeadLetters.counted(settings.region()));
  }

  /** Dead letters are counted and appended to the region's event {@code log}. */
  public Deliverer(WebhookStore store, WebhookSender sender, WebhookSettings settings,
      Clock clock, EventLog log) {
    this(store, sender, settings, clock, DeadLetters.logged(settings.region(), log, clock));
  }

  private Deliverer(WebhookStore store, WebhookSender sender, WebhookSettings settings,
      Clock clock, DeadLetters deadLetters) {
    this.store = store;
    this.sender = sender;
    this.settings = settings;
    this.clock = clock;
    this.deadLetters = deadLetters;
  }

  /** One attempt of a PENDING delivery; returns it as saved. */
  public Delivery attempt(Delivery d) {
    return attempt(d, store.get(d.webhook()).orElse(null));
  }

  /**
   * {@link #attempt(Delivery)} with the webhook's config as just read ({@code null}: deleted),
   * for a lane that reads it once for several deliveries.
   */
  public Delivery attempt(Delivery d, WebhookConfig config) {
    if (config == null) { // deleted: nothing to send to; redeliver after re-creating it
      Delivery dead = d.dead(clock.instant());
      store.save(dead);
      deadLetters.record(dead, "webhook-deleted");
      return dead;
    }
    if (!config.enabled()) {
      return d; // stays pending; delivered once the webhook is enabled again
    }
    Instant at = clock.instant();
    WebhookSender.Response r = send(config, d.id(), d.bodyBytes());
    Delivery.Attempt attempt = attempt(at, r);
    Delivery next;
    if (r.successful()) {
      next = d.after(attempt, Delivery.State.DELIVERED, at);
    } else if (r.status() == 410) {
      store.update(config.withEnabled(false));
      LOG.log(Level.WARNING, "webhook {0} answered 410 Gone: disabled", config.name());
      next = d.after(attempt, Delivery.State.DEAD, at);
      store.save(next);
      deadLetters.record(next, "gone");
      return next;
    } else {
      Duration delay = settings.backoff().delay(d.attemptCount() + 1, retryAfter(r.retryAfter(), at),
          () -> ThreadLocalRandom.current().nextDouble());
      Instant due = clock.instant().plus(delay);
      boolean expired = due.isAfter(d.windowStart().plus(settings.backoff().horizon()));
      next = d.after(attempt, expired ? Delivery.State.DEAD : Delivery.State.PENDING, due);
      if (expired) {
        LOG.log(Level.WARNING, "webhook {0}: delivery {1} dead-lettered after {2} attempts",
            config.name(), d.id(), next.attemptCount());
        store.save(next);
        deadLetters.record(next, "retries-exhausted");
        return next;
      }
    }
    store.save(next);
    return next;
  }

  /**
   * Signs and sends {@code body} once (deliveries and pings), after the address check; custom
   * headers reserved since the webhook was stored are left out ({@link CustomHeaders}).
   */
  public WebhookSender.Response send(WebhookConfig config, String id, byte[] body) {
    String refused = settings.addresses().refusal(config.serviceUri());
    if (refused != null) {
      return WebhookSender.Response.failed(Duration.ZERO, refused);
    }
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers = CustomHeaders.sendable(config.headers());
    headers.put("Content-Type", config.format().contentType());
    headers.put(WebhookSigner.ID_HEADER, id);
    headers.put(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
    headers.put(WebhookSigner.SIGNATURE_HEADER,
        WebhookSigner.sign(config.secret(), id, timestamp, body));
    return sender.send(new WebhookSender.Request(config.serviceUri(), headers, body,
        settings.timeout()));
  }

  static Delivery.Attempt attempt(Instant at, WebhookSender.Response r) {
    String error = r.error() != null ? r.error()
        : r.successful() ? null : "receiver answered " + r.status();
    return new Delivery.Attempt(at, r.status(), r.latency().toMillis(), error, r.summary());
  }

  /** RFC 9110 §10.2.3: delay-seconds or an HTTP-date; null when absent or unreadable. */
  static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      try {
        Instant when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
        return when.isAfter(now) ? Duration.between(now, when) : Duration.ZERO;
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }
}
