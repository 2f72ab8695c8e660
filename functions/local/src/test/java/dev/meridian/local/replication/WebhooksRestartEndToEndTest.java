package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The registry restarted mid-retry still delivers": a delivery that has failed at least
 * once is still pending in the region's table when the runtime stops; a new runtime on the same
 * {@code --data-dir} (other ports: they are picked anew) resumes it and delivers the same message
 * — same {@code webhook-id}, same body, a signature made with the stored secret.
 */
class WebhooksRestartEndToEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String HOOK = "restarthook";

  @TempDir Path dataDir;

  @Test
  void restart_whileDeliveryIsRetried_deliversItWithTheSameId() throws Exception {
    try (Receiver receiver = Receiver.failing()) {
      String secret;
      String pendingId;
      String bodyBefore;
      try (LocalRuntime first = LocalRuntime.start(options())) {
        secret = WebhookAdmin.create(first.regionEndpoint("eastus"), HOOK, receiver.uri(),
            "hooks/restart:*", List.of("push"), Map.of());
        OciHttpClient.pushImage(first.regionEndpoint("eastus"), "hooks/restart", "v1",
            "restart-1");
        Eventually.await("a failed attempt in the history", LIMIT,
            () -> attempts(first) >= 1 && !receiver.received.isEmpty());
        JsonNode before = only(first);
        assertThat(before.get("state").asText()).isEqualTo("pending");
        pendingId = before.get("id").asText();
        bodyBefore = receiver.received.get(0).text();
        assertThat(receiver.received).allSatisfy(r -> assertThat(r.status()).isEqualTo(500));
      }
      int failedBeforeRestart = receiver.received.size();
      receiver.succeed();

      try (LocalRuntime second = LocalRuntime.start(options())) {
        Eventually.await("delivered after the restart", LIMIT,
            () -> "delivered".equals(only(second).get("state").asText()));
        JsonNode after = only(second);
        assertThat(after.get("id").asText()).isEqualTo(pendingId);
        assertThat(after.get("attempts").asInt()).isGreaterThan(1);
      }
      List<Receiver.Received> delivered = receiver.received.stream()
          .filter(r -> r.status() == 200).toList();
      assertThat(delivered).hasSize(1);
      Receiver.Received ok = delivered.get(0);
      assertThat(receiver.received.indexOf(ok)).isGreaterThanOrEqualTo(failedBeforeRestart);
      assertThat(ok.header("webhook-id")).isEqualTo(pendingId);
      assertThat(ok.text()).isEqualTo(bodyBefore);
      JsonNode event = WebhookAdmin.verified(ok, secret);
      assertThat(event.get("id").asText()).isEqualTo(pendingId);
      assertThat(event.get("action").asText()).isEqualTo("push");
      assertThat(event.at("/target/repository").asText()).isEqualTo("hooks/restart");
      assertThat(receiver.received).extracting(r -> r.header("webhook-id")).containsOnly(pendingId);
    }
  }

  /** Persistent, on free ports (so the second runtime's ports differ from the first's). */
  private LocalOptions options() {
    return new LocalOptions(0, null, dataDir, false, BlobDelivery.STREAM)
        .withReplication(new ReplicationOptions(Duration.ZERO, FaultPlan.none()));
  }

  private static int attempts(LocalRuntime runtime) {
    JsonNode events = WebhookAdmin.history(runtime.regionEndpoint("eastus"), HOOK).get("events");
    return events.isEmpty() ? 0 : events.get(0).get("attempts").asInt();
  }

  /** The webhook's only delivery (one push, one event in eastus). */
  private static JsonNode only(LocalRuntime runtime) {
    JsonNode events = WebhookAdmin.history(runtime.regionEndpoint("eastus"), HOOK).get("events");
    assertThat(events).hasSize(1);
    return events.get(0);
  }
}
