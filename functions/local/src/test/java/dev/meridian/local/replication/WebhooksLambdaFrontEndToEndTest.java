package dev.meridian.local.replication;

import static dev.meridian.local.replication.WebhookAdmin.create;
import static dev.meridian.local.replication.WebhookAdmin.verified;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks with {@code --front lambda}: each event-log insert becomes a message on the region's
 * webhook queue (as template.yaml's WebhookPipe sends it) and the {@code dispatchWebhooksQueue}
 * Lambda entry point consumes SQS batch events under the template's batch size, batching window
 * and concurrency, waiting for its deliveries as it does on AWS.
 */
class WebhooksLambdaFrontEndToEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
        .withFront(LocalOptions.Front.LAMBDA));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void push_throughTheWebhookQueue_deliversSignedPushEventsInBothRegions() throws Exception {
    try (Receiver east = Receiver.ok(); Receiver west = Receiver.ok()) {
      String eastSecret = create(runtime.regionEndpoint("eastus"), "qeast", east.uri(),
          "queued/hooks:*", List.of("push"), Map.of());
      String westSecret = create(runtime.regionEndpoint("westeurope"), "qwest", west.uri(),
          "queued/hooks:*", List.of("push"), Map.of());

      OciHttpClient.Image image = OciHttpClient.pushImage(runtime.regionEndpoint("eastus"),
          "queued/hooks", "v1", "queued");

      Eventually.await("eastus push delivered", LIMIT, () -> !east.received.isEmpty());
      Eventually.await("westeurope push delivered", LIMIT, () -> !west.received.isEmpty());
      JsonNode e = verified(east.received.get(0), eastSecret);
      assertThat(e.get("action").asText()).isEqualTo("push");
      assertThat(e.at("/target/digest").asText()).isEqualTo(image.digest());
      JsonNode w = verified(west.received.get(0), westSecret);
      assertThat(w.get("region").asText()).isEqualTo("westeurope");
      assertThat(w.at("/target/digest").asText()).isEqualTo(image.digest());
    }
  }
}
