package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The replication protocol on three in-memory regions, step by step, without faults. */
class ReplicatorTest {
  static final RepositoryName REPO = RepositoryName.parse("library/app");
  final MultiRegionHarness h = new MultiRegionHarness(3, 1, NotificationBus.Faults.NONE);

  @Test
  void handle_whenImagePushedToA_givesBAndCTheCompleteImage() {
    Digest digest = h.pushImage("aa", "library/app", "v1", "one", 2);
    h.bus.runUntilQuiet();

    HttpResponse atA = h.get("aa", "/v2/library/app/manifests/v1");
    for (String seed : List.of("ab", "ac")) {
      HttpResponse r = h.get(seed, "/v2/library/app/manifests/v1");
      assertThat(r.status()).isEqualTo(200);
      assertThat(MultiRegionHarness.bytes(r)).isEqualTo(MultiRegionHarness.bytes(atA));
      ManifestRecord m = h.node(seed).index().getManifest(REPO, digest).orElseThrow();
      assertThat(m.blobs()).hasSize(3);
      for (Digest blob : m.blobs()) {
        assertThat(h.get(seed, "/v2/library/app/blobs/" + blob).status()).isEqualTo(200);
      }
    }
  }

  @Test
  void handle_whenImagePushed_recordsOnePushEventPerRegionAndReplicatedOnce() {
    Digest digest = h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.runUntilQuiet();

    List<RegistryEvent> atA = h.node("aa").log().all();
    assertThat(atA).filteredOn(e -> e.action() == EventAction.PUSH).singleElement()
        .satisfies(e -> {
          assertThat(e.tag()).isEqualTo("v1");
          assertThat(e.digest()).isEqualTo(digest.toString());
          assertThat(e.request().userAgent()).isEqualTo("harness/1.0");
          assertThat(e.region()).isEqualTo("eastus");
        });
    // two changes left A, the manifest object and the tag record; the push announces itself
    // once, by the tag record, in every region (StorageLayout.PUSHED_TAG_METADATA)
    assertThat(atA).filteredOn(e -> e.action() == EventAction.REPLICATED)
        .extracting(RegistryEvent::tag).containsExactly("v1");
    for (String seed : List.of("ab", "ac")) {
      assertThat(h.node(seed).log().all()).filteredOn(e -> e.action() == EventAction.PUSH)
          .allSatisfy(e -> {
            assertThat(e.originSeed()).isEqualTo(new Seed("aa"));
            assertThat(e.request().id()).startsWith("req-PUT");
          })
          .extracting(RegistryEvent::tag).containsExactly("v1");
    }
  }

  @Test
  void handle_whenTagArrivesBeforeItsManifestsEvent_appliesManifestFirstAndEndsTheSame() {
    Digest digest = h.pushImage("aa", "library/app", "v1", "one", 1);
    while (h.bus.deliverFirst(d -> d.seed().equals("aa"))) {
      // fan-out at A only: B and C now hold the objects, their notifications are queued
    }
    String tagKey = h.node("ab").store().inner.list(StorageLayout.tagRecordPrefix(REPO, "v1"),
        null, 10).get(0);
    assertThat(h.bus.deliverFirst(d -> d.seed().equals("ab") && d.event().key().equals(tagKey)))
        .isTrue();

    assertThat(h.node("ab").index().getManifest(REPO, digest)).isPresent();
    assertThat(h.get("ab", "/v2/library/app/manifests/v1").status()).isEqualTo(200);
    h.bus.runUntilQuiet();
    assertThat(h.node("ab").index().getTag(REPO, "v1")).isEqualTo(
        h.node("aa").index().getTag(REPO, "v1"));
    assertThat(h.node("ab").log().all()).filteredOn(e -> e.action() == EventAction.PUSH)
        .singleElement().extracting(RegistryEvent::tag).isEqualTo("v1");
  }

  @Test
  void handle_whenDuplicatedAndReordered_endsInTheSameStateWithoutDuplicateEvents() {
    h.pushImage("aa", "library/app", "v1", "one", 2);
    List<NotificationBus.Delivery> all = h.bus.take(d -> true);
    for (int round = 0; round < 3; round++) {
      for (int i = all.size() - 1; i >= 0; i--) { // reversed, three times
        h.bus.publish(all.get(i).seed(), all.get(i).event());
      }
    }
    h.bus.runUntilQuiet();
    for (String seed : List.of("ab", "ac")) {
      assertThat(h.node(seed).index().getTag(REPO, "v1"))
          .isEqualTo(h.node("aa").index().getTag(REPO, "v1"));
      assertThat(h.node(seed).log().all()).hasSize(1);
    }
    assertThat(h.node("aa").log().all()).filteredOn(e -> e.action() == EventAction.REPLICATED)
        .hasSize(1);
  }

  @Test
  void handle_whenSameTagWrittenConcurrentlyInTwoRegions_convergesToHigherVersionEverywhere() {
    Digest fromA = h.pushImage("aa", "library/app", "latest", "from-a", 1);
    Digest fromB = h.pushImage("ab", "library/app", "latest", "from-b", 1);
    TagRecord a = h.node("aa").index().getTag(REPO, "latest").orElseThrow();
    TagRecord b = h.node("ab").index().getTag(REPO, "latest").orElseThrow();
    Digest winner = a.version().compareTo(b.version()) > 0 ? fromA : fromB;

    h.bus.runUntilQuiet();

    assertThat(fromA).isNotEqualTo(fromB);
    for (String seed : List.of("aa", "ab", "ac")) {
      assertThat(h.node(seed).index().getTag(REPO, "latest").orElseThrow().digest())
          .isEqualTo(winner);
      assertThat(h.get(seed, "/v2/library/app/manifests/" + fromA).status()).isEqualTo(200);
      assertThat(h.get(seed, "/v2/library/app/manifests/" + fromB).status()).isEqualTo(200);
    }
  }

  @Test
  void handle_whenTagMovesInA_invalidatesBsTagCache() {
    Digest first = h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.runUntilQuiet();
    assertThat(h.get("ab", "/v2/library/app/manifests/v1").headers().first("Docker-Content-Digest"))
        .isEqualTo(first.toString()); // now cached in B
    Digest second = h.pushImage("aa", "library/app", "v1", "two", 1);
    h.bus.runUntilQuiet();
    assertThat(h.get("ab", "/v2/library/app/manifests/v1").headers().first("Docker-Content-Digest"))
        .isEqualTo(second.toString());
  }

  @Test
  void handle_whenManifestDeletedInA_deletesItAndItsTagsEverywhere() {
    Digest digest = h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.runUntilQuiet();
    assertThat(h.send("aa", "DELETE", "/v2/library/app/manifests/" + digest, null, null)
        .status()).isEqualTo(202);
    h.bus.runUntilQuiet();
    for (String seed : List.of("ab", "ac")) {
      assertThat(h.node(seed).index().getManifest(REPO, digest)).isEmpty();
      assertThat(h.node(seed).index().getTag(REPO, "v1").orElseThrow().isDeleted()).isTrue();
      assertThat(h.get(seed, "/v2/library/app/manifests/v1").status()).isEqualTo(404);
      assertThat(h.node(seed).log().all()).filteredOn(e -> e.action() == EventAction.DELETE)
          .extracting(RegistryEvent::tag).containsExactlyInAnyOrder(null, "v1");
    }
  }

  @Test
  void handle_whenLastAcksProcessedConcurrentlyAndDuplicated_appendsReplicatedExactlyOnce()
      throws Exception {
    h.pushImage("aa", "library/app", "v1", "one", 1);
    while (h.bus.deliverFirst(d -> !d.event().key().startsWith(StorageLayout.ACKS_PREFIX))) {
      // everything but the acks' own notifications at A
    }
    List<NotificationBus.Delivery> acks = h.bus.take(d -> true);
    // manifest, put record, tag record: three changes acked by two peers
    assertThat(acks).hasSize(6).allMatch(d -> d.seed().equals("aa"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int copy = 0; copy < 3; copy++) {
        for (NotificationBus.Delivery d : acks) {
          runs.add(pool.submit(() -> {
            start.await();
            h.node("aa").replicator().handle(d.event());
            return null;
          }));
        }
      }
      start.countDown();
      for (Future<?> f : runs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(h.node("aa").log().all()).filteredOn(e -> e.action() == EventAction.REPLICATED)
        .hasSize(1);
  }
}
