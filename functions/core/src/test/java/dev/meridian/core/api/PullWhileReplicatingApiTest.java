package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.fakes.ReplicaSetFixture;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.ObjectCreated;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a pull in one region sees of content another region holds and this one does not
 * yet — before any notification is delivered (the fixture holds them all), as when they are lost.
 */
class PullWhileReplicatingApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "/v2/library/app";
  private static final RepositoryName REPO = RepositoryName.parse("library/app");

  final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  final ReplicaSetFixture regions =
      new ReplicaSetFixture(3, ReplicaSetFixture.KEY, clock, true);

  @Test
  void getManifest_whenOnlyAPeerHoldsTheTag_isExplained404WithRetryAfter() throws Exception {
    Digest digest = push("aa", "v1", "one");

    HttpResponse miss = regions.get("ab", APP + "/manifests/v1");

    assertThat(miss.status()).isEqualTo(404);
    assertThat(miss.headers().first("Retry-After")).isEqualTo("1");
    JsonNode error = error(miss);
    assertThat(error.path("code").asText()).isEqualTo("MANIFEST_UNKNOWN");
    JsonNode detail = error.path("detail");
    assertThat(detail.path("presentIn").toString()).isEqualTo("[\"eastus\"]");
    assertThat(detail.path("digest").asText()).isEqualTo(digest.toString());
    assertThat(detail.path("pushedAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(detail.path("state").asText()).isEqualTo("replicating");
    assertThat(detail.path("retryAfterSeconds").asInt()).isEqualTo(1);
  }

  @Test
  void getManifest_byDigestHeldInTwoPeers_namesBoth() throws Exception {
    Digest digest = push("aa", "v1", "two");
    regions.replicateAll();
    regions.node("ac").index().deleteManifest(
        REPO, digest);

    HttpResponse miss = regions.get("ac", APP + "/manifests/" + digest);

    assertThat(miss.status()).isEqualTo(404);
    assertThat(error(miss).path("detail").path("presentIn").toString())
        .isEqualTo("[\"eastus\",\"westeurope\"]");
  }

  @Test
  void getManifest_whenNoRegionHoldsIt_isAPlain404() throws Exception {
    push("aa", "v1", "three");

    for (String reference : new String[] {"nope", TestManifests.fakeDigest('c').toString()}) {
      HttpResponse miss = regions.get("ab", APP + "/manifests/" + reference);
      assertThat(miss.status()).isEqualTo(404);
      assertThat(miss.headers().first("Retry-After")).isNull();
      assertThat(error(miss).path("code").asText()).isEqualTo("MANIFEST_UNKNOWN");
      assertThat(error(miss).has("detail")).isFalse();
    }
  }

  @Test
  void getManifest_ofATagDeletedHereButStillLiveInAPeer_isAPlain404() throws Exception {
    push("aa", "v1", "deleted");
    regions.replicateAll();
    assertThat(regions.send("ab", "DELETE", APP + "/manifests/v1", null, null).status())
        .isEqualTo(202);

    HttpResponse miss = regions.get("ab", APP + "/manifests/v1");

    assertThat(miss.status()).isEqualTo(404);
    assertThat(miss.headers().first("Retry-After")).isNull();
    assertThat(error(miss).has("detail")).as("the delete here is newer than eastus's tag").isFalse();
  }

  @Test
  void getManifest_whenTheNotificationWasLost_isDelayedThenCopiedHereWithoutIt()
      throws Exception {
    Digest digest = push("aa", "v1", "four");
    clock.advance(Duration.ofSeconds(30)); // no notification was ever delivered

    HttpResponse miss = regions.get("ab", APP + "/manifests/v1");

    assertThat(miss.status()).isEqualTo(404);
    assertThat(error(miss).path("detail").path("state").asText()).isEqualTo("delayed");
    HttpResponse served = awaitServed("ab", APP + "/manifests/v1");
    assertThat(served.headers().first("Docker-Content-Digest")).isEqualTo(digest.toString());
    String ack = StorageLayout.ack(StorageLayout.tagRecord(REPO, "v1",
        regions.node("aa").index().getTag(REPO, "v1").orElseThrow().version()), new Seed("ab"));
    for (int i = 0; i < 200 && regions.node("aa").store().head(ack).isEmpty(); i++) {
      Thread.sleep(50); // the ack follows the apply on the copying thread
    }
    assertThat(regions.node("aa").store().head(ack)).as("acked to the origin").isPresent();
  }

  @Test
  void getManifest_withOnMissFetch_servesThePeersBytesAndBlobsCrossRegion() throws Exception {
    push("aa", "v1", "five");
    HttpResponse set = regions.send("ab", "PUT", "/meridian/v1/settings/pull/library/app",
        "application/json", "{\"onMiss\":\"fetch\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(set.status()).isEqualTo(200);

    // Blobs first: the manifest's read-through starts copying the image here.
    for (Digest blob : new Digest[] {TestManifests.digestOf("{\"config\":\"five\"}"),
        TestManifests.digestOf("layer five")}) {
      HttpResponse got = regions.get("ac", APP + "/blobs/" + blob);
      assertThat(got.status()).as("blob %s", blob).isEqualTo(200);
      assertThat(got.headers().first("Meridian-Served-From")).isEqualTo("eastus");
      assertThat(ReplicaSetFixture.bytes(got)).isEqualTo(
          ReplicaSetFixture.bytes(regions.get("aa", APP + "/blobs/" + blob)));
    }
    HttpResponse served = regions.get("ac", APP + "/manifests/v1");

    assertThat(served.status()).isEqualTo(200);
    assertThat(served.headers().first("Meridian-Served-From")).isEqualTo("eastus");
    assertThat(ReplicaSetFixture.text(served)).isEqualTo(manifestOf("five"));
    // The read-through moved the image's replication to the front: it lands without notices.
    awaitServedWithout("ac", APP + "/manifests/v1", "Meridian-Served-From");
  }

  @Test
  void getManifest_whenANewerTagIsOnItsWay_carriesThePendingHeader_untilApplied()
      throws Exception {
    Digest old = push("aa", "v1", "six");
    regions.replicateAll();
    String layerKey = StorageLayout.blob(TestManifests.digestOf("layer seven"));
    Digest newer = push("aa", "v1", "seven");
    // The new layer vanishes at the origin for a while: the fan-out announces the tag, then
    // fails to copy its dependencies (as a slow or failing copy leaves it).
    byte[] layer = "layer seven".getBytes(StandardCharsets.UTF_8);
    regions.node("aa").store().delete(layerKey);
    drainIgnoringFailures();

    HttpResponse stale = regions.get("ab", APP + "/manifests/v1");
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.headers().first("Docker-Content-Digest")).isEqualTo(old.toString());
    assertThat(stale.headers().first("Meridian-Replication"))
        .isEqualTo("pending; newer=" + newer + "; from=eastus");
    JsonNode status = JSON.readTree(ReplicaSetFixture.bytes(
        regions.get("ab", "/meridian/v1/replication/library/app/v1")));
    assertThat(status.path("regions").get(1).path("pending").path("digest").asText())
        .isEqualTo(newer.toString());

    regions.node("aa").store().put(layerKey, new ByteArrayInputStream(layer), layer.length,
        "application/octet-stream");
    regions.node("aa").replicator().handle(new ObjectCreated(
        regions.node("aa").store().bucket(), StorageLayout.tagRecord(
            REPO, "v1",
            regions.node("aa").index().getTag(
                REPO, "v1")
                .orElseThrow().version()), 0, null, null));
    regions.replicateAll();

    HttpResponse fresh = regions.get("ab", APP + "/manifests/v1");
    assertThat(fresh.headers().first("Docker-Content-Digest")).isEqualTo(newer.toString());
    assertThat(fresh.headers().first("Meridian-Replication")).isNull();
  }

  private void drainIgnoringFailures() {
    for (int i = 0; i < 50; i++) {
      try {
        regions.replicateAll();
        return;
      } catch (RuntimeException expected) {
        // a failed fan-out: the platform would retry it later
      }
    }
  }

  private HttpResponse awaitServed(String seed, String target) throws InterruptedException {
    return awaitServedWithout(seed, target, null);
  }

  /** Polls (the pull-through copy runs on its own thread) until a 200 without {@code header}. */
  private HttpResponse awaitServedWithout(String seed, String target, String header)
      throws InterruptedException {
    HttpResponse last = null;
    for (int i = 0; i < 200; i++) {
      last = regions.get(seed, target);
      if (last.status() == 200 && (header == null || last.headers().first(header) == null)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never served without " + header + ": " + last.status() + " "
        + ReplicaSetFixture.text(last));
  }

  private Digest push(String seed, String tag, String content) {
    regions.upload(seed, "library/app", "{\"config\":\"" + content + "\"}");
    regions.upload(seed, "library/app", "layer " + content);
    String manifest = manifestOf(content);
    HttpResponse put = regions.send(seed, "PUT", APP + "/manifests/" + tag,
        MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
    assertThat(put.status()).isEqualTo(201);
    return TestManifests.digestOf(manifest);
  }

  private static String manifestOf(String content) {
    return TestManifests.oci(TestManifests.digestOf("{\"config\":\"" + content + "\"}"), "",
        TestManifests.digestOf("layer " + content));
  }

  private static JsonNode error(HttpResponse response) throws IOException {
    return JSON.readTree(ReplicaSetFixture.bytes(response)).path("errors").get(0);
  }
}
