package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventBridgeDetail;
import dev.meridian.core.events.EventDocument;
import dev.meridian.core.events.EventSchemas;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.fakes.InMemoryEventLog;
import dev.meridian.core.fakes.InMemoryWebhookStore;
import dev.meridian.core.webhooks.AddressPolicy;
import dev.meridian.core.webhooks.ArrivalTimes;
import dev.meridian.core.webhooks.Backoff;
import dev.meridian.core.webhooks.Deliverer;
import dev.meridian.core.webhooks.WebhookAction;
import dev.meridian.core.webhooks.WebhookConfig;
import dev.meridian.core.webhooks.WebhookDispatcher;
import dev.meridian.core.webhooks.WebhookFormat;
import dev.meridian.core.webhooks.WebhookPayloads;
import dev.meridian.core.webhooks.WebhookScope;
import dev.meridian.core.webhooks.WebhookSender;
import dev.meridian.core.webhooks.WebhookSettings;
import dev.meridian.core.webhooks.WebhookSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every event the registry emits validates against its published JSON Schema (docs/events/): the
 * events three regions log for a push by tag, its replication, a tag delete and a delete by
 * digest — as the event log API and the EventBridge detail carry them, and inside a CloudEvents
 * webhook body, whose envelope validates too; and the dead letter a webhook to a failing receiver
 * leaves (as the event log API and EventBridge carry it: webhooks never receive it). The schemas
 * are not vacuous: a broken document fails.
 */
class EmittedEventsSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "team/app";
  static final List<RegistryEvent> emitted = new ArrayList<>();

  @BeforeAll
  static void emit() {
    MultiRegionHarness h = new MultiRegionHarness(3, 7, NotificationBus.Faults.NONE);
    h.pushImage("aa", REPO, "v1", "one", 1);
    Digest other = h.pushImage("ab", REPO, "v2", "two", 1);
    h.bus.runUntilQuiet();
    assertThat(h.send("aa", "DELETE", "/v2/" + REPO + "/manifests/v1", null, null).status())
        .isEqualTo(202);
    assertThat(h.send("ab", "DELETE", "/v2/" + REPO + "/manifests/" + other, null, null).status())
        .isEqualTo(202);
    h.bus.runUntilQuiet();
    deadLetter(h.node("aa").log(), "eastus");
    for (String seed : ConvergenceTest.SEEDS) {
      emitted.addAll(h.node(seed).log().all());
    }
  }

  /** A webhook of region aa whose receiver always fails, polled until its deliveries die. */
  private static void deadLetter(InMemoryEventLog log, String region) {
    InMemoryWebhookStore store = new InMemoryWebhookStore();
    store.create(new WebhookConfig("hookdead", URI.create("https://93.184.216.34/h"), Map.of(),
        Set.of(WebhookAction.PUSH), WebhookScope.ALL, true, WebhookSigner.newSecret(), null));
    WebhookSender failing = r -> new WebhookSender.Response(503, null, "text/plain", 0,
        Duration.ofMillis(1), null);
    WebhookSettings settings = new WebhookSettings(region, Duration.ofSeconds(1),
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO),
        AddressPolicy.PUBLIC_ONLY);
    new WebhookDispatcher(log, store, new Deliverer(store, failing, settings, Clock.systemUTC(),
        log), ArrivalTimes.NONE, Runnable::run, Clock.systemUTC()).poll();
  }

  @Test
  void everyActionTheRegistryHas_hasASchemaFile() {
    assertThat(Arrays.stream(EventAction.values()).map(a -> EventSchemas.fileFor(a.wireName())))
        .allSatisfy(f -> assertThat(Files.exists(f)).as("%s exists", f).isTrue());
  }

  @Test
  void emittedEvents_coverPushDeleteAndReplicated() {
    Set<EventAction> actions = emitted.stream().map(RegistryEvent::action)
        .collect(Collectors.toSet());
    assertThat(actions).contains(EventAction.PUSH, EventAction.DELETE, EventAction.REPLICATED,
        EventAction.WEBHOOK_DEAD_LETTER);
  }

  @Test
  void everyEmittedEvent_validates_asDocumentAndEventBridgeDetail() {
    for (RegistryEvent e : emitted) {
      assertThat(EventSchemas.violationsOfEvent(EventDocument.of(e))).as("document of %s", e)
          .isEmpty();
      assertThat(EventSchemas.violationsOfEvent(EventBridgeDetail.of(e))).as("detail of %s", e)
          .isEmpty();
    }
  }

  @Test
  void everyEmittedEvent_validates_asCloudEventWebhookBody() throws Exception {
    List<ArrivalTimes.Arrival> arrivals = List.of(
        new ArrivalTimes.Arrival("eastus", new Seed("aa"), Instant.parse("2025-01-01T00:00:01Z")),
        new ArrivalTimes.Arrival("westeurope", new Seed("ab"), null));
    for (RegistryEvent e : emitted) {
      if (e.action() == EventAction.WEBHOOK_DEAD_LETTER) {
        continue; // never sent to a webhook
      }
      JsonNode body = JSON.readTree(WebhookPayloads.event(WebhookFormat.CLOUDEVENTS, "d-1", e,
          e.action() == EventAction.REPLICATED ? arrivals : List.of()));
      assertThat(EventSchemas.violationsOfCloudEvent(body)).as("envelope of %s", e).isEmpty();
      assertThat(EventSchemas.violationsOfEvent(body.get("data"))).as("data of %s", e).isEmpty();
    }
  }

  @Test
  void violations_whenADocumentIsBroken_areReported() {
    ObjectNode doc = EventDocument.of(emitted.get(0));
    doc.remove("id");
    ((ObjectNode) doc.get("target")).put("digest", "not a digest");
    assertThat(EventSchemas.violationsOfEvent(doc)).hasSizeGreaterThanOrEqualTo(2);
  }
}
