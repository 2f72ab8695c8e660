package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.fakes.InMemoryWebhookStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One attempt: what is sent and what is kept of the answer. */
class DelivererTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final InMemoryWebhookStore store = new InMemoryWebhookStore();
  private final List<WebhookSender.Request> sent = new ArrayList<>();
  private final WebhookSettings settings = new WebhookSettings("eastus", Duration.ofSeconds(10),
      Backoff.defaults(), AddressPolicy.PUBLIC_ONLY);

  /**
   * A webhook stored before a header name was reserved still loads (the record accepts it) but
   * the name is not sent: Meridian's own headers win and the others are left out.
   */
  @Test
  void send_whenStoredConfigHoldsNowReservedHeaders_leavesThemOut() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Amz-Target", "DynamoDB_20120810.ListTables");
    headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=x/20250101/us-east-1/dynamodb");
    headers.put("Connection", "close");
    headers.put("X-Receiver-Token", "t0ken");
    WebhookConfig legacy = new WebhookConfig("hookone", URI.create("https://93.184.216.34/h"),
        headers, Set.of(WebhookAction.PUSH), WebhookScope.ALL, true, WebhookSigner.newSecret(),
        clock.instant());
    Deliverer deliverer = new Deliverer(store, answering(200), settings, clock);

    deliverer.send(legacy, "id-1", "{}".getBytes());

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).headers().keySet()).containsExactlyInAnyOrder("X-Receiver-Token",
        "Content-Type", WebhookSigner.ID_HEADER, WebhookSigner.TIMESTAMP_HEADER,
        WebhookSigner.SIGNATURE_HEADER);
  }

  /**
   * The address check runs at delivery on what the name resolves to then ({@code localhost}
   * resolves through the hosts file, no DNS needed): a name that was public at creation and now
   * points at loopback is refused unless the region allows loopback.
   */
  @Test
  void send_whenNameResolvesToLoopback_isRefusedUnlessLoopbackIsAllowed() {
    WebhookConfig c = new WebhookConfig("hookone", URI.create("http://localhost:9/h"), Map.of(),
        Set.of(WebhookAction.PUSH), WebhookScope.ALL, true, WebhookSigner.newSecret(),
        clock.instant());

    WebhookSender.Response refused = new Deliverer(store, answering(200), settings, clock)
        .send(c, "id-1", "{}".getBytes());
    WebhookSettings local = new WebhookSettings("eastus", Duration.ofSeconds(10),
        Backoff.defaults(), new AddressPolicy(true, false));
    WebhookSender.Response allowed = new Deliverer(store, answering(200), local, clock)
        .send(c, "id-2", "{}".getBytes());

    assertThat(refused.status()).isEqualTo(-1);
    assertThat(refused.error()).contains("localhost").contains("loopback");
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).headers()).containsEntry(WebhookSigner.ID_HEADER, "id-2");
  }

  @Test
  void attempt_whenReceiverAnswers_storesStatusTimingAndSummaryOnly() {
    WebhookConfig c = new WebhookConfig("hookone", URI.create("https://93.184.216.34/h"),
        Map.of(), Set.of(WebhookAction.PUSH), WebhookScope.ALL, true, WebhookSigner.newSecret(),
        clock.instant());
    store.create(c);
    Delivery d = Delivery.pending("hookone", "id-1", "ev-1", WebhookAction.PUSH, "{}",
        clock.instant());
    store.enqueue(d);
    Deliverer deliverer = new Deliverer(store, request -> {
      sent.add(request);
      return new WebhookSender.Response(500, null, "Application/JSON; charset=utf-8", 4096,
          Duration.ofMillis(7), null);
    }, settings, clock);

    Delivery saved = deliverer.attempt(d);

    Delivery.Attempt a = saved.attempts().get(0);
    assertThat(a.status()).isEqualTo(500);
    assertThat(a.latencyMillis()).isEqualTo(7);
    assertThat(a.error()).isEqualTo("receiver answered 500");
    assertThat(a.summary()).isEqualTo("HTTP 500, application/json, 4096 bytes");
  }

  @Test
  void responseSummary_whenContentTypeIsNotAMediaType_leavesItOut() {
    WebhookSender.Response r = new WebhookSender.Response(200, null,
        "{\"TableNames\":[\"x\"]}", -1, Duration.ZERO, null);

    assertThat(r.summary()).isEqualTo("HTTP 200, length not declared");
  }

  private WebhookSender answering(int status) {
    return request -> {
      sent.add(request);
      return new WebhookSender.Response(status, null, null, 0, Duration.ofMillis(1), null);
    };
  }
}
