package dev.meridian.core.webhooks;

import java.time.Duration;

/**
 * A region's webhook delivery settings.
 *
 * @param region the region's name (payload {@code region})
 * @param timeout bound on one attempt, connection to last byte (default 10 s)
 * @param backoff retry schedule and horizon
 * @param addresses which target addresses the region allows (the SSRF guard)
 */
public record WebhookSettings(String region, Duration timeout, Backoff backoff,
    AddressPolicy addresses) {

  public static WebhookSettings defaults(String region) {
    return new WebhookSettings(region, Duration.ofSeconds(10), Backoff.defaults(),
        AddressPolicy.PUBLIC_ONLY);
  }
}
