package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.naming.Seed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void event_whenMeridianDeletedByRetention_saysWhy() throws Exception {
    JsonNode body = JSON.readTree(WebhookPayloads.event("d1", event(
        new EventRequest("retention-1", null, "DELETE", "meridian-retention", "retention")),
        List.of()));

    assertThat(body.path("action").asText()).isEqualTo("delete");
    assertThat(body.path("reason").asText()).isEqualTo("retention");
  }

  @Test
  void event_whenAClientDeleted_hasNoReason() throws Exception {
    JsonNode body = JSON.readTree(WebhookPayloads.event("d1", event(
        new EventRequest("req", "reg.test", "DELETE", "skopeo")), List.of()));

    assertThat(body.has("reason")).isFalse();
  }

  private static RegistryEvent event(EventRequest request) {
    return new RegistryEvent("e1", 1, Instant.parse("2026-01-01T00:00:00Z"), EventAction.DELETE,
        "app/api", "t1", null, null, -1, new Seed("aa"), null, request, "eastus");
  }
}
