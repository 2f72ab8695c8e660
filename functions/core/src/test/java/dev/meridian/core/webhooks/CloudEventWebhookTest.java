package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.fakes.InMemoryEventLog;
import dev.meridian.core.fakes.InMemoryWebhookStore;
import dev.meridian.core.naming.Seed;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code format: cloudevents}: a webhook receives CloudEvents 1.0 in structured mode, signed the
 * same way as the ACR format; the ACR format stays the default.
 */
class CloudEventWebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final InMemoryWebhookStore store = new InMemoryWebhookStore();
  private final WebhookDispatcherTest.ScriptedSender sender =
      new WebhookDispatcherTest.ScriptedSender();
  private final WebhookSettings settings = new WebhookSettings("eastus", Duration.ofSeconds(10),
      new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10)),
      AddressPolicy.PUBLIC_ONLY);
  private final WebhookDispatcher dispatcher = new WebhookDispatcher(log, store,
      new Deliverer(store, sender, settings, clock), ArrivalTimes.NONE, Runnable::run, clock);

  private WebhookConfig hook(String name, WebhookFormat format) {
    WebhookConfig c = new WebhookConfig(name, URI.create("https://93.184.216.34/" + name), Map.of(),
        Set.of(WebhookAction.PUSH), WebhookScope.ALL, true, WebhookSigner.newSecret(),
        clock.instant(), format);
    store.create(c);
    return c;
  }

  @Test
  void poll_whenFormatIsCloudEvents_sendsASignedStructuredCloudEvent() throws Exception {
    WebhookConfig c = hook("hookce", WebhookFormat.CLOUDEVENTS);
    log.append(new RegistryEvent("ev-1", 0, clock.instant(), EventAction.PUSH, "team/app", "v1",
        "sha256:" + "b".repeat(64), "application/vnd.oci.image.manifest.v1+json", 525, new Seed("aa"), null,
        new EventRequest("req", "reg.test", "PUT", "skopeo"), "eastus"));

    dispatcher.poll();

    assertThat(sender.received).hasSize(1);
    WebhookSender.Request r = sender.received.get(0);
    String id = r.headers().get("webhook-id");
    long ts = Long.parseLong(r.headers().get("webhook-timestamp"));
    assertThat(r.headers().get("webhook-signature"))
        .isEqualTo(WebhookSigner.sign(c.secret(), id, ts, r.body()));
    assertThat(r.headers()).containsEntry("Content-Type", "application/cloudevents+json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("specversion").asText()).isEqualTo("1.0");
    assertThat(body.get("id").asText()).isEqualTo(id);
    assertThat(body.get("type").asText()).isEqualTo("dev.meridian.image.pushed");
    assertThat(body.get("source").asText()).isEqualTo("/meridian/regions/eastus");
    assertThat(body.get("subject").asText()).isEqualTo("team/app:v1");
    assertThat(body.get("data").get("id").asText()).isEqualTo("ev-1");
    assertThat(body.get("data").get("target").get("repository").asText()).isEqualTo("team/app");
  }

  @Test
  void config_whenFormatIsAbsent_isAcr_andAnUnknownFormatIsRefused() {
    assertThat(hook("hookacr", null).format()).isEqualTo(WebhookFormat.ACR);
    assertThatThrownBy(() -> WebhookFormat.parse("cloudevent"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cloudevents");
  }

  @Test
  void ping_inCloudEventsFormat_isAWebhookPingEvent() throws Exception {
    JsonNode ping = JSON.readTree(WebhookPayloads.ping(WebhookFormat.CLOUDEVENTS, "p-1",
        clock.instant(), "eastus"));
    assertThat(ping.get("type").asText()).isEqualTo("dev.meridian.webhook.ping");
    assertThat(ping.get("data").get("action").asText()).isEqualTo("ping");
  }
}
