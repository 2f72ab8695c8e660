package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The delivery engine over the in-memory ports, with a scripted receiver and a manual clock. */
class WebhookDispatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final InMemoryWebhookStore store = new InMemoryWebhookStore();
  private final ScriptedSender sender = new ScriptedSender();
  private final WebhookSettings settings = new WebhookSettings("eastus", Duration.ofSeconds(10),
      new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10)),
      AddressPolicy.PUBLIC_ONLY);
  private final Deliverer deliverer = new Deliverer(store, sender, settings, clock);
  private final WebhookDispatcher dispatcher =
      new WebhookDispatcher(log, store, deliverer, ArrivalTimes.NONE, Runnable::run, clock);

  /** Answers with the scripted statuses in order, then 200. */
  static final class ScriptedSender implements WebhookSender {
    final List<Integer> script = new ArrayList<>();
    final List<Request> received = new ArrayList<>();

    @Override
    public Response send(Request request) {
      received.add(request);
      int status = script.isEmpty() ? 200 : script.remove(0);
      return new Response(status, null, "text/plain", 2, Duration.ofMillis(5), null);
    }
  }

  private WebhookConfig hook(String name, String scope, WebhookAction... actions) {
    WebhookConfig c = new WebhookConfig(name, URI.create("https://93.184.216.34/" + name),
        Map.of("X-Receiver-Token", "t0ken"), Set.of(actions), WebhookScope.parse(scope), true,
        WebhookSigner.newSecret(), clock.instant());
    store.create(c);
    return c;
  }

  private RegistryEvent push(String repo, String tag) {
    return log.append(new RegistryEvent("ev-" + repo + tag, 0, clock.instant(), EventAction.PUSH,
        repo, tag, "sha256:" + "b".repeat(64), "application/vnd.oci.image.manifest.v1+json", 525,
        new Seed("aa"), null, new EventRequest("req", "reg.test", "PUT", "skopeo"), "eastus")).event();
  }

  @Test
  void poll_whenEventMatches_sendsSignedAcrPayloadOnce() throws Exception {
    WebhookConfig c = hook("hookone", "app:*", WebhookAction.PUSH);
    hook("hooktwo", "other:*", WebhookAction.PUSH);
    push("app", "v1");

    dispatcher.poll();
    dispatcher.poll();

    assertThat(sender.received).hasSize(1);
    WebhookSender.Request r = sender.received.get(0);
    String id = r.headers().get("webhook-id");
    long ts = Long.parseLong(r.headers().get("webhook-timestamp"));
    assertThat(r.headers().get("webhook-signature"))
        .isEqualTo(WebhookSigner.sign(c.secret(), id, ts, r.body()));
    assertThat(r.headers()).containsEntry("X-Receiver-Token", "t0ken")
        .containsEntry("Content-Type", "application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("id").asText()).isEqualTo(id);
    assertThat(body.get("action").asText()).isEqualTo("push");
    assertThat(body.at("/target/repository").asText()).isEqualTo("app");
    assertThat(body.at("/target/tag").asText()).isEqualTo("v1");
    assertThat(body.at("/target/size").asLong()).isEqualTo(525);
    assertThat(body.at("/target/length").asLong()).isEqualTo(525);
    assertThat(body.at("/request/useragent").asText()).isEqualTo("skopeo");
    assertThat(body.get("region").asText()).isEqualTo("eastus");
  }

  @Test
  void poll_whenRegionHasNoWebhook_readsNothingElse_andKeepsTheCursor() {
    push("app", "v1");
    push("app", "v2");
    long readsBefore = log.reads();

    WebhookDispatcher.Report report = dispatcher.poll();

    assertThat(report).isEqualTo(new WebhookDispatcher.Report(0, 0, 0));
    assertThat(log.reads()).isEqualTo(readsBefore);
    assertThat(store.cursor()).isZero();
  }

  @Test
  void poll_whenWebhookCreatedAfterEvents_deliversOnlyWhatHappenedSince() {
    push("app", "before");
    dispatcher.poll(); // no webhook yet: the cursor stays at 0
    clock.advance(Duration.ofSeconds(1));
    hook("hookone", "", WebhookAction.PUSH);
    clock.advance(Duration.ofSeconds(1));
    push("app", "after");

    WebhookDispatcher.Report report = dispatcher.poll();

    assertThat(report.enqueued()).isEqualTo(1);
    assertThat(report.webhooks()).isEqualTo(1);
    assertThat(sender.received).hasSize(1);
    assertThat(new String(sender.received.get(0).body())).contains("\"tag\":\"after\"");
    assertThat(store.cursor()).isEqualTo(2);
  }

  @Test
  void poll_whenReceiverFailsThenRecovers_retriesWithSameIdAndBody() {
    hook("hookone", "", WebhookAction.PUSH);
    sender.script.addAll(List.of(500, 503, 502));
    push("app", "v1");

    for (int i = 0; i < 20 && sender.received.size() < 4; i++) {
      dispatcher.poll();
      clock.advance(Duration.ofSeconds(5));
    }

    assertThat(sender.received).hasSize(4);
    assertThat(sender.received).extracting(r -> r.headers().get("webhook-id")).containsOnly(
        sender.received.get(0).headers().get("webhook-id"));
    assertThat(sender.received).extracting(r -> new String(r.body())).containsOnly(
        new String(sender.received.get(0).body()));
    Delivery d = store.history("hookone", null, 10).get(0);
    assertThat(d.state()).isEqualTo(Delivery.State.DELIVERED);
    assertThat(d.attempts()).extracting(Delivery.Attempt::status).containsExactly(500, 503, 502,
        200);
  }

  @Test
  void poll_whenReceiverAnswers410_disablesTheWebhook() {
    hook("hookone", "", WebhookAction.PUSH);
    sender.script.add(410);
    push("app", "v1");
    dispatcher.poll();
    push("app", "v2");
    clock.advance(Duration.ofMinutes(1));
    dispatcher.poll();

    assertThat(store.get("hookone").orElseThrow().enabled()).isFalse();
    assertThat(sender.received).hasSize(1);
    assertThat(store.history("hookone", null, 10)).extracting(Delivery::state)
        .containsExactly(Delivery.State.DEAD);
  }

  @Test
  void poll_whenHorizonPasses_deadLetters_andRedeliverSendsAgain() {
    hook("hookone", "", WebhookAction.PUSH);
    for (int i = 0; i < 100; i++) {
      sender.script.add(500);
    }
    push("app", "v1");
    for (int i = 0; i < 100; i++) {
      dispatcher.poll();
      clock.advance(Duration.ofSeconds(30));
    }
    Delivery dead = store.history("hookone", null, 10).get(0);
    assertThat(dead.state()).isEqualTo(Delivery.State.DEAD);
    int attempts = sender.received.size();
    assertThat(attempts).isBetween(5, 30);

    sender.script.clear();
    store.save(dead.redeliver(clock.instant()));
    dispatcher.poll();
    assertThat(sender.received).hasSize(attempts + 1);
    assertThat(store.delivery("hookone", dead.id()).orElseThrow().state())
        .isEqualTo(Delivery.State.DELIVERED);
  }

  @Test
  void poll_whenTargetIsPrivate_failsTheAttemptWithoutSending() {
    store.create(new WebhookConfig("hookpriv", URI.create("http://10.0.0.5/x"), Map.of(),
        Set.of(WebhookAction.PUSH), WebhookScope.ALL, true, WebhookSigner.newSecret(),
        clock.instant()));
    push("app", "v1");
    dispatcher.poll();
    assertThat(sender.received).isEmpty();
    Delivery d = store.history("hookpriv", null, 10).get(0);
    assertThat(d.attempts().get(0).error()).contains("private");
    assertThat(d.state()).isEqualTo(Delivery.State.PENDING);
  }

  @Test
  void poll_whenEventsKeepArriving_startsDeliveriesWithoutChasingTheLog() {
    hook("hookone", "", WebhookAction.PUSH);
    push("app", "v0");
    // A log that grows while it is read: a push lands during every read, as under steady traffic.
    int[] pushed = {0};
    WebhookDispatcher busyLog = new WebhookDispatcher(new dev.meridian.core.events.EventLog() {
      @Override
      public Appended append(RegistryEvent draft) {
        return log.append(draft);
      }

      @Override
      public List<RegistryEvent> readAfter(long afterSequence, int limit) {
        List<RegistryEvent> page = log.readAfter(afterSequence, limit);
        if (pushed[0] < 500) {
          push("app", "v" + ++pushed[0]);
        }
        return page;
      }

      @Override
      public java.util.Optional<RegistryEvent> find(String id) {
        return log.find(id);
      }
    }, store, deliverer, ArrivalTimes.NONE, Runnable::run, clock);

    WebhookDispatcher.Report first = busyLog.poll();

    assertThat(first.enqueued()).isEqualTo(1);
    assertThat(sender.received).hasSize(1);
    for (int i = 0; i < 1000 && sender.received.size() < 501; i++) {
      busyLog.poll();
    }
    assertThat(sender.received).hasSize(501);
  }
}
