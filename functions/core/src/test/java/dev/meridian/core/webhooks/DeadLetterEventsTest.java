package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.events.WebhookDeadLetter;
import dev.meridian.core.fakes.InMemoryEventLog;
import dev.meridian.core.fakes.InMemoryWebhookStore;
import dev.meridian.core.naming.Seed;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A delivery given up becomes a {@code webhook-dead-letter} event in the region's log
 * (docs/events.md "Webhook dead letters"), once per give-up, and no webhook ever receives one —
 * not even one subscribed to every action whose own deliveries dead-letter.
 */
class DeadLetterEventsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final InMemoryWebhookStore store = new InMemoryWebhookStore();
  private final WebhookDispatcherTest.ScriptedSender sender =
      new WebhookDispatcherTest.ScriptedSender();
  private final WebhookSettings settings = new WebhookSettings("eastus", Duration.ofSeconds(10),
      new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10)),
      AddressPolicy.PUBLIC_ONLY);
  private final Deliverer deliverer = new Deliverer(store, sender, settings, clock, log);
  private final WebhookDispatcher dispatcher =
      new WebhookDispatcher(log, store, deliverer, ArrivalTimes.NONE, Runnable::run, clock);

  private void hook(String name) {
    store.create(new WebhookConfig(name, URI.create("https://93.184.216.34/" + name), Map.of(),
        Set.of(WebhookAction.PUSH, WebhookAction.DELETE, WebhookAction.REPLICATED,
            WebhookAction.BUILD), WebhookScope.ALL, true, WebhookSigner.newSecret(),
        clock.instant()));
  }

  private RegistryEvent push(String tag) {
    return log.append(new RegistryEvent("ev-" + tag, 0, clock.instant(), EventAction.PUSH,
        "team/app", tag, "sha256:" + "b".repeat(64), "application/vnd.oci.image.manifest.v1+json",
        525, new Seed("aa"), null, new EventRequest("req", "reg.test", "PUT", "skopeo"), "eastus")).event();
  }

  private void pollFor(Duration total) {
    for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plusSeconds(30)) {
      dispatcher.poll();
      clock.advance(Duration.ofSeconds(30));
    }
  }

  private List<RegistryEvent> deadLetters() {
    return log.all().stream().filter(e -> e.action() == EventAction.WEBHOOK_DEAD_LETTER).toList();
  }

  @Test
  void poll_whenRetriesAreExhausted_logsOneDeadLetterWithTheCarriedEventsTarget() {
    hook("hookone");
    for (int i = 0; i < 100; i++) {
      sender.script.add(500);
    }
    RegistryEvent pushed = push("v1");

    pollFor(Duration.ofMinutes(30));

    Delivery dead = store.history("hookone", null, 10).get(0);
    assertThat(dead.state()).isEqualTo(Delivery.State.DEAD);
    assertThat(deadLetters()).singleElement().satisfies(e -> {
      assertThat(e.region()).isEqualTo("eastus");
      assertThat(e.repository()).isEqualTo("team/app");
      assertThat(e.tag()).isEqualTo("v1");
      assertThat(e.digest()).isEqualTo(pushed.digest());
      assertThat(e.webhook()).isEqualTo(new WebhookDeadLetter("hookone", dead.id(),
          pushed.id(), "push", "retries-exhausted", dead.attemptCount(), 500,
          "receiver answered 500"));
    });
  }

  @Test
  void poll_whenAWebhookOfEveryActionDeadLetters_neverReceivesTheDeadLetter() {
    hook("hookone");
    for (int i = 0; i < 100; i++) {
      sender.script.add(500);
    }
    push("v1");
    pollFor(Duration.ofMinutes(30));
    sender.script.clear(); // the receiver is back: anything enqueued now would be delivered
    int sent = sender.received.size();

    pollFor(Duration.ofMinutes(5));

    assertThat(deadLetters()).hasSize(1);
    assertThat(store.history("hookone", null, 10)).hasSize(1);
    assertThat(sender.received).hasSize(sent);
    assertThat(store.cursor()).isEqualTo(log.all().size()); // the dispatcher read past it
  }

  @Test
  void attempt_whenReceiverAnswers410_logsReasonGone() {
    hook("hookone");
    sender.script.add(410);
    push("v1");

    dispatcher.poll();

    assertThat(deadLetters()).singleElement().satisfies(e -> {
      assertThat(e.webhook().reason()).isEqualTo("gone");
      assertThat(e.webhook().lastStatus()).isEqualTo(410);
      assertThat(e.webhook().attempts()).isEqualTo(1);
    });
  }

  @Test
  void attempt_whenWebhookWasDeleted_logsReasonWebhookDeleted_withoutAResponse() {
    Delivery pending = Delivery.pending("hookgone", "d-1", push("v1").id(), WebhookAction.PUSH,
        "{}", clock.instant());
    store.enqueue(pending);

    deliverer.attempt(pending, null);

    assertThat(deadLetters()).singleElement().satisfies(e -> {
      assertThat(e.webhook().reason()).isEqualTo("webhook-deleted");
      assertThat(e.webhook().lastStatus()).isEqualTo(-1);
      assertThat(e.webhook().attempts()).isZero();
    });
  }

  @Test
  void record_whenTheSameGiveUpIsRecordedTwice_logsItOnce_andARedeliveredOneAgain() {
    DeadLetters letters = DeadLetters.logged("eastus", log, Clock.systemUTC());
    Delivery pending = Delivery.pending("hookone", "d-1", push("v1").id(), WebhookAction.PUSH,
        "{}", clock.instant());
    Delivery.Attempt failed = new Delivery.Attempt(clock.instant(), -1, 3, "connection refused",
        null);
    Delivery dead = pending.after(failed, Delivery.State.DEAD, clock.instant());

    letters.record(dead, "retries-exhausted");
    letters.record(dead, "retries-exhausted"); // a retried function
    letters.record(dead.redeliver(clock.instant()).after(failed, Delivery.State.DEAD,
        clock.instant()), "retries-exhausted");

    assertThat(deadLetters()).extracting(e -> e.webhook().attempts()).containsExactly(1, 2);
  }

  @Test
  void record_whenTheCarriedEventIsUnknown_logsTheDeadLetterWithoutATarget() {
    Delivery dead = Delivery.pending("hookone", "d-1", "no-such-event", WebhookAction.DELETE,
        "{}", clock.instant()).dead(clock.instant());

    DeadLetters.logged("eastus", log, clock).record(dead, "webhook-deleted");

    assertThat(deadLetters()).singleElement().satisfies(e -> {
      assertThat(e.repository()).isNull();
      assertThat(e.size()).isEqualTo(-1);
      assertThat(e.webhook().eventAction()).isEqualTo("delete");
    });
  }
}
