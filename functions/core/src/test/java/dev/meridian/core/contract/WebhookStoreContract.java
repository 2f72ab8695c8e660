package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.webhooks.Delivery;
import dev.meridian.core.webhooks.WebhookAction;
import dev.meridian.core.webhooks.WebhookConfig;
import dev.meridian.core.webhooks.WebhookScope;
import dev.meridian.core.webhooks.WebhookSigner;
import dev.meridian.core.webhooks.WebhookStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link WebhookStore} must have. An adapter's test extends this class and returns
 * a fresh, empty store from {@link #newStore()}.
 */
public abstract class WebhookStoreContract {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private WebhookStore store;

  protected abstract WebhookStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  public static WebhookConfig config(String name) {
    return new WebhookConfig(name, URI.create("https://hooks.example.com/" + name),
        Map.of("Authorization", "Bearer t0ken"), Set.of(WebhookAction.PUSH, WebhookAction.DELETE),
        WebhookScope.parse("library/*:*"), true, WebhookSigner.newSecret(), T0);
  }

  private static Delivery delivery(String webhook, String event, Instant at) {
    return Delivery.pending(webhook, Delivery.idFor(webhook, event), event, WebhookAction.PUSH,
        "{\"id\":\"" + event + "\"}", at);
  }

  @Test
  void create_whenNameIsFree_storesEveryField_andRefusesASecondCreate() {
    WebhookConfig c = config("hookone");
    assertThat(store.create(c)).isTrue();
    assertThat(store.create(config("hookone"))).isFalse();
    WebhookConfig got = store.get("hookone").orElseThrow();
    assertThat(got.name()).isEqualTo(c.name());
    assertThat(got.serviceUri()).isEqualTo(c.serviceUri());
    assertThat(got.headers()).isEqualTo(c.headers());
    assertThat(got.actions()).isEqualTo(c.actions());
    assertThat(got.scope()).isEqualTo(c.scope());
    assertThat(got.enabled()).isTrue();
    assertThat(got.secret()).isEqualTo(c.secret());
    assertThat(got.createdAt()).isEqualTo(T0);
  }

  @Test
  void updateDeleteList_whenWebhooksExist_reflectEachChange() {
    store.create(config("hookbbb"));
    store.create(config("hookaaa"));
    store.update(config("hookaaa").withEnabled(false));
    assertThat(store.list()).extracting(WebhookConfig::name).containsExactly("hookaaa", "hookbbb");
    assertThat(store.get("hookaaa").orElseThrow().enabled()).isFalse();
    assertThat(store.delete("hookbbb")).isTrue();
    assertThat(store.delete("hookbbb")).isFalse();
    assertThat(store.get("hookbbb")).isEmpty();
    assertThat(store.list()).extracting(WebhookConfig::name).containsExactly("hookaaa");
  }

  @Test
  void enqueue_whenSameDeliveryTwice_keepsTheFirst() {
    Delivery d = delivery("hookone", "e1", T0);
    assertThat(store.enqueue(d)).isTrue();
    assertThat(store.enqueue(delivery("hookone", "e1", T0.plusSeconds(5)))).isFalse();
    assertThat(store.delivery("hookone", d.id()).orElseThrow().createdAt()).isEqualTo(T0);
    assertThat(store.due(T0.plusSeconds(60), 10, Set.of())).hasSize(1);
  }

  @Test
  void enqueueAll_whenSomeExist_storesTheNewOnes_andReturnsOnlyThem() {
    Delivery old = delivery("hookone", "e2", T0);
    store.enqueue(old);
    List<Delivery> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) { // more than one DynamoDB transaction holds
      batch.add(delivery(i % 2 == 0 ? "hookone" : "hooktwo", "e" + i, T0.plusMillis(i)));
    }

    List<Delivery> fresh = store.enqueueAll(batch);

    List<Delivery> expected = new java.util.ArrayList<>(batch);
    expected.remove(2); // hookone e2, enqueued before
    assertThat(fresh).extracting(Delivery::id)
        .containsExactlyElementsOf(expected.stream().map(Delivery::id).toList());
    assertThat(store.delivery("hookone", old.id()).orElseThrow().createdAt()).isEqualTo(T0);
    assertThat(store.due(T0.plusSeconds(60), 100, Set.of())).hasSize(40);
    assertThat(store.enqueueAll(batch.subList(0, 5))).isEmpty();
    assertThat(store.enqueueAll(List.of(delivery("hooktwo", "new", T0))))
        .extracting(Delivery::eventId).containsExactly("new");
  }

  @Test
  void due_whenDeliveriesChangeState_listsOnlyPendingAndDue() {
    Delivery a = delivery("hookone", "e1", T0);
    Delivery b = delivery("hookone", "e2", T0.plusMillis(1));
    Delivery c = delivery("hooktwo", "e1", T0.plusMillis(2));
    List.of(a, b, c).forEach(store::enqueue);
    Delivery.Attempt failed = new Delivery.Attempt(T0, 500, 12, "receiver answered 500", "no");
    store.save(a.after(failed, Delivery.State.PENDING, T0.plusSeconds(30)));
    store.save(b.after(new Delivery.Attempt(T0, 204, 3, null, null), Delivery.State.DELIVERED,
        T0));

    assertThat(store.due(T0.plusSeconds(1), 10, Set.of())).extracting(Delivery::id)
        .containsExactly(c.id());
    assertThat(store.due(T0.plusSeconds(31), 10, Set.of())).extracting(Delivery::id)
        .containsExactlyInAnyOrder(a.id(), c.id());
    Delivery saved = store.delivery("hookone", a.id()).orElseThrow();
    assertThat(saved.attemptCount()).isEqualTo(1);
    assertThat(saved.attempts()).containsExactly(failed);
    assertThat(saved.body()).isEqualTo(a.body());
    assertThat(saved.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void due_whenWebhooksAreExcepted_leavesOutTheirDeliveries() {
    Delivery a = delivery("hookone", "e1", T0);
    Delivery b = delivery("hooktwo", "e1", T0.plusMillis(1));
    List.of(a, b).forEach(store::enqueue);

    assertThat(store.due(T0.plusSeconds(1), 10, Set.of("hookone"))).extracting(Delivery::id)
        .containsExactly(b.id());
    assertThat(store.due(T0.plusSeconds(1), 10, Set.of("hookone", "hooktwo"))).isEmpty();
  }

  @Test
  void history_whenPaged_returnsCreationOrderAfterTheGivenId() {
    for (int i = 0; i < 5; i++) {
      store.enqueue(delivery("hookone", "e" + i, T0.plus(Duration.ofMillis(i))));
    }
    store.enqueue(delivery("hooktwo", "other", T0));
    List<Delivery> first = store.history("hookone", null, 2);
    assertThat(first).extracting(Delivery::eventId).containsExactly("e0", "e1");
    List<Delivery> rest = store.history("hookone", first.get(1).id(), 10);
    assertThat(rest).extracting(Delivery::eventId).containsExactly("e2", "e3", "e4");
  }

  @Test
  void delete_whenDeliveriesArePending_takesThemOutOfTheDueSet() {
    store.create(config("hookone"));
    store.enqueue(delivery("hookone", "e1", T0));
    store.delete("hookone");
    assertThat(store.due(T0.plusSeconds(1), 10, Set.of())).isEmpty();
  }

  @Test
  void advanceCursor_whenExpectedMatches_moves_elseRefuses() {
    assertThat(store.cursor()).isZero();
    assertThat(store.advanceCursor(0, 7)).isTrue();
    assertThat(store.advanceCursor(0, 9)).isFalse();
    assertThat(store.cursor()).isEqualTo(7);
    assertThat(store.advanceCursor(7, 9)).isTrue();
    assertThat(store.cursor()).isEqualTo(9);
  }
}
