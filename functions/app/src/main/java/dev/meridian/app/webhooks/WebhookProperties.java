package dev.meridian.app.webhooks;

import dev.meridian.core.webhooks.AddressPolicy;
import dev.meridian.core.webhooks.Backoff;
import dev.meridian.core.webhooks.WebhookSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The region's webhook settings ({@code MERIDIAN_WEBHOOKS_*}; docs/webhooks.md).
 *
 * @param allowLoopback deliver to loopback addresses ({@code MERIDIAN_WEBHOOKS_ALLOW_LOOPBACK},
 *     default false; the local runtime sets true and says so at startup)
 * @param allowPrivate deliver to private ranges ({@code MERIDIAN_WEBHOOKS_ALLOW_PRIVATE}, false)
 * @param timeout bound on one attempt ({@code MERIDIAN_WEBHOOKS_TIMEOUT}, 10s)
 * @param retryBase first retry delay ({@code MERIDIAN_WEBHOOKS_RETRY_BASE}, 1s), doubling
 * @param retryCap longest retry delay ({@code MERIDIAN_WEBHOOKS_RETRY_CAP}, 1h)
 * @param horizon how long a delivery is retried ({@code MERIDIAN_WEBHOOKS_HORIZON}, 24h)
 * @param awaitDeliveries whether one {@code dispatchWebhooks} invocation waits for the
 *     deliveries it started (true on Lambda, which freezes a returned invocation; the local
 *     runtime's loop sets false, so a hanging receiver never holds up the next poll)
 */
@ConfigurationProperties("meridian.webhooks")
public record WebhookProperties(boolean allowLoopback, boolean allowPrivate, Duration timeout,
    Duration retryBase, Duration retryCap, Duration horizon, Boolean awaitDeliveries) {

  public WebhookProperties {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    retryBase = retryBase == null ? Duration.ofSeconds(1) : retryBase;
    retryCap = retryCap == null ? Duration.ofHours(1) : retryCap;
    horizon = horizon == null ? Duration.ofHours(24) : horizon;
    awaitDeliveries = awaitDeliveries == null ? Boolean.TRUE : awaitDeliveries;
  }

  public WebhookSettings settings(String region) {
    return new WebhookSettings(region, timeout, new Backoff(retryBase, retryCap, horizon),
        new AddressPolicy(allowLoopback, allowPrivate));
  }
}
