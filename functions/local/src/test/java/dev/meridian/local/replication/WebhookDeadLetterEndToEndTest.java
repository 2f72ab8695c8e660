package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.local.LocalRuntime;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A webhook whose receiver is gone, in the local runtime with short retry settings ({@code
 * MERIDIAN_WEBHOOKS_RETRY_BASE}, {@code _RETRY_CAP}, {@code _HORIZON} as system properties): after
 * a push its delivery is retried, given up, and the region's event log API then holds one {@code
 * webhook-dead-letter} event per delivery given up (docs/events.md "Webhook dead letters"), and
 * the webhook, subscribed to every action, is sent nothing about them (its schema:
 * EmittedEventsSchemaTest).
 */
class WebhookDeadLetterEndToEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Map<String, String> SHORT_RETRIES = Map.of(
      "meridian.webhooks.retry-base", "100ms", "meridian.webhooks.retry-cap", "200ms",
      "meridian.webhooks.horizon", "2s");
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    SHORT_RETRIES.forEach(System::setProperty);
    runtime = ReplicationRuntimes.onDemand();
  }

  @AfterAll
  static void stop() {
    SHORT_RETRIES.keySet().forEach(System::clearProperty);
    ReplicationRuntimes.stop(runtime);
  }

  @Test
  void push_whenTheReceiverIsGone_logsOneDeadLetter_andTheWebhookNeverReceivesIt()
      throws Exception {
    URI east = runtime.regionEndpoint("eastus");
    WebhookAdmin.create(east, "gonehook", URI.create("http://127.0.0.1:" + closedPort() + "/h"),
        "dead/app:*", List.of("push", "delete", "replicated", "build"), Map.of());

    OciHttpClient.Image image = OciHttpClient.pushImage(east, "dead/app", "v1", "dead-letter");

    Eventually.await("the push's dead letter logged", LIMIT, () -> deadLetterOfPush(east) != null);
    JsonNode dead = deadLetterOfPush(east);
    assertThat(dead.get("region").asText()).isEqualTo("eastus");
    assertThat(dead.at("/target/repository").asText()).isEqualTo("dead/app");
    assertThat(dead.at("/target/digest").asText()).isEqualTo(image.digest());
    assertThat(dead.at("/webhook/name").asText()).isEqualTo("gonehook");
    assertThat(dead.at("/webhook/reason").asText()).isEqualTo("retries-exhausted");
    assertThat(dead.at("/webhook/attempts").asInt()).isPositive();
    assertThat(dead.at("/webhook/lastStatus").isNull()).isTrue(); // connection refused

    // The push is then replicated everywhere: its replicated event is delivered to the webhook
    // too, and dies as well. Two deliveries, two dead letters — and none for the dead letters.
    Eventually.await("the push's and the replicated event's deliveries given up", LIMIT, () -> {
      JsonNode history = WebhookAdmin.history(east, "gonehook").get("events");
      return history.size() == 2 && deadLetters(east).size() == 2
          && StreamSupport.stream(history.spliterator(), false)
              .allMatch(d -> d.get("state").asText().equals("dead"));
    });
    JsonNode history = WebhookAdmin.history(east, "gonehook").get("events");
    assertThat(history).extracting(d -> d.get("action").asText())
        .containsExactlyInAnyOrder("push", "replicated");
    assertThat(deadLetters(east)).extracting(d -> d.at("/webhook/deliveryId").asText())
        .containsExactlyInAnyOrderElementsOf(
            StreamSupport.stream(history.spliterator(), false).map(d -> d.get("id").asText())
                .toList());
  }

  private static JsonNode deadLetterOfPush(URI region) {
    return deadLetters(region).stream()
        .filter(d -> d.at("/webhook/eventAction").asText().equals("push")).findFirst()
        .orElse(null);
  }

  private static List<JsonNode> deadLetters(URI region) {
    JsonNode page = WebhookAdmin.read(WebhookAdmin.get(region, "events?after=0&limit=1000")
        .body());
    List<JsonNode> found = new ArrayList<>();
    page.get("events").forEach(e -> {
      if (e.get("action").asText().equals("webhook-dead-letter")) {
        found.add(e);
      }
    });
    return found;
  }

  /** A port nothing listens on: bound, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
