package dev.meridian.app.events;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Publishing the region's events to EventBridge ({@code MERIDIAN_EVENTS_*}; docs/events.md).
 *
 * @param bus the bus's name or ARN ({@code MERIDIAN_EVENTS_BUS}: {@code default}, or the
 *     template's custom bus); blank: publishing is off
 * @param endpoint an EventBridge endpoint override ({@code MERIDIAN_EVENTS_ENDPOINT}: moto,
 *     LocalStack); null on AWS
 * @param lease how long one batch may take before another publisher may take over ({@code
 *     MERIDIAN_EVENTS_LEASE}, 60s; more than a PutEvents call's retries take)
 */
@ConfigurationProperties("meridian.events")
public record EventBusProperties(String bus, URI endpoint, Duration lease) {

  public EventBusProperties {
    bus = bus == null || bus.isBlank() ? null : bus.strip();
    lease = lease == null ? Duration.ofSeconds(60) : lease;
  }
}
