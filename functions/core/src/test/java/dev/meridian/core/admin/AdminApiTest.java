package dev.meridian.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.fakes.ObservedValues;
import dev.meridian.core.fakes.ReplicaSetFixture;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code /meridian/v1/}: replication status, regions with lag, the event log. */
class AdminApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final ReplicaSetFixture regions = new ReplicaSetFixture(3);

  @Test
  void replication_whenPushedInAAndNotYetReplicated_isCurrentInAAndPendingElsewhere() {
    Digest digest = push("aa", "v1");

    JsonNode body = json(regions.get("ab", "/meridian/v1/replication/library/app/v1"));

    assertThat(body.path("repository").asText()).isEqualTo("library/app");
    assertThat(body.path("regions")).hasSize(3);
    JsonNode a = body.path("regions").get(0);
    assertThat(a.path("region").asText()).isEqualTo("eastus");
    assertThat(a.path("state").asText()).isEqualTo("current");
    assertThat(a.path("tagDigest").asText()).isEqualTo(digest.toString());
    assertThat(a.path("tagVersion").asText()).endsWith("-aa");
    assertThat(body.path("regions").get(1).path("state").asText()).isEqualTo("pending");
    assertThat(body.path("regions").get(2).path("manifestPresent").asBoolean()).isFalse();
  }

  @Test
  void replication_whenReplicated_isCurrentEverywhereWithAckTimes() {
    Digest digest = push("aa", "v1");
    regions.replicateAll();

    JsonNode byTag = json(regions.get("ac", "/meridian/v1/replication/library/app/v1"));
    JsonNode byDigest = json(regions.get("ac", "/meridian/v1/replication/library/app/" + digest));

    for (JsonNode body : new JsonNode[] {byTag, byDigest}) {
      assertThat(body.path("regions")).allSatisfy(r -> {
        assertThat(r.path("state").asText()).isEqualTo("current");
        assertThat(r.path("manifestPresent").asBoolean()).isTrue();
      });
    }
    assertThat(byTag.path("regions").get(1).path("appliedAt").asText())
        .isEqualTo("2025-01-01T00:00:00Z");
  }

  @Test
  void regions_whenChangesNotAcked_reportsPendingCountBytesAndOldestPerPeer() {
    push("aa", "v1");

    JsonNode body = json(regions.get("aa", "/meridian/v1/regions"));

    assertThat(body.path("region").asText()).isEqualTo("eastus");
    JsonNode list = body.path("regions");
    assertThat(list).hasSize(3);
    assertThat(list.get(0).path("self").asBoolean()).isTrue();
    assertThat(list.get(0).has("replication")).isFalse();
    assertThat(list.get(1).path("endpoint").asText()).isEqualTo("http://westeurope.registry.test");
    JsonNode lag = list.get(1).path("replication");
    // the manifest object, its put record and the tag record are three changes
    assertThat(lag.path("pendingChanges").asLong()).isEqualTo(3);
    long manifestSize = regions.node("aa").store().head(
        "repositories/library/app/_manifests/sha256/" + manifestDigest.encoded()).orElseThrow()
        .size();
    assertThat(lag.path("pendingBytes").asLong()).isEqualTo(manifestSize + configSize + layerSize);
    assertThat(lag.path("oldestPendingAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(lag.path("oldestPendingAgeMillis").asLong()).isZero();
    assertThat(lag.path("failedChanges").asLong()).isZero();
  }

  @Test
  void regions_whenEverythingAcked_reportsNoLag() {
    push("aa", "v1");
    regions.replicateAll();

    JsonNode list = json(regions.get("aa", "/meridian/v1/regions")).path("regions");

    for (int i = 1; i < 3; i++) {
      JsonNode lag = list.get(i).path("replication");
      assertThat(lag.path("pendingChanges").asLong()).isZero();
      assertThat(lag.path("pendingBytes").asLong()).isZero();
      assertThat(lag.path("oldestPendingAt").isNull()).isTrue();
    }
  }

  @Test
  void regions_whenChangesCameFromAPeer_countsOnlyOwnChanges() {
    push("aa", "v1");
    regions.replicateAll();

    JsonNode list = json(regions.get("ab", "/meridian/v1/regions")).path("regions");

    assertThat(list.get(0).path("replication").path("pendingChanges").asLong()).isZero();
  }

  /** The backlog metric counts what {@code pendingChanges} counts, per peer. */
  @Test
  void backlog_whenChangesNotAcked_countsThemPerPeer_andNoneOnceAcked() {
    ReplicationBacklog atA = new ReplicationBacklog(regions.replicas, new Seed("aa"));
    push("aa", "v1");

    assertThat(atA.perPeer()).extracting(ReplicationBacklog.Peer::region,
        ReplicationBacklog.Peer::seed, ReplicationBacklog.Peer::pendingChanges)
        .containsExactly(tuple("westeurope", new Seed("ab"), 3L),
            tuple("canadacentral", new Seed("ac"), 3L));
    regions.replicateAll();
    assertThat(atA.perPeer()).extracting(ReplicationBacklog.Peer::pendingChanges)
        .containsOnly(0L);
    // what arrived from aa is aa's backlog, never ab's
    assertThat(new ReplicationBacklog(regions.replicas, new Seed("ab")).perPeer())
        .extracting(ReplicationBacklog.Peer::pendingChanges).containsOnly(0L);
  }

  @Test
  void backlog_report_observesOneValuePerPeer_taggedWithRegionAndPeer() {
    push("aa", "v1");
    ObservedValues recording = new ObservedValues();

    new ReplicationBacklog(regions.replicas, new Seed("aa")).report(recording, "eastus");

    assertThat(recording.all()).containsExactly(
        "meridian.replication.backlog region,eastus,peer,ab 3",
        "meridian.replication.backlog region,eastus,peer,ac 3");
  }

  @Test
  void events_whenPaged_returnsAscendingEventsWithCursorAndLink() {
    push("aa", "v1");
    push("aa", "v2");

    HttpResponse first = regions.get("aa", "/meridian/v1/events?after=0&limit=1");
    JsonNode page = json(first);

    assertThat(page.path("events")).hasSize(1);
    JsonNode event = page.path("events").get(0);
    assertThat(event.path("action").asText()).isEqualTo("push");
    assertThat(event.path("sequence").asLong()).isEqualTo(1);
    assertThat(event.path("target").path("tag").asText()).isEqualTo("v1");
    assertThat(event.path("request").path("useragent").asText()).isEqualTo("fixture/1.0");
    assertThat(page.path("next").asLong()).isEqualTo(1);
    assertThat(first.headers().first("Link"))
        .isEqualTo("</meridian/v1/events?after=1&limit=1>; rel=\"next\"");
    JsonNode rest = json(regions.get("aa", "/meridian/v1/events?after=1"));
    assertThat(rest.path("events")).hasSize(1);
    assertThat(rest.path("events").get(0).path("target").path("tag").asText()).isEqualTo("v2");
  }

  @Test
  void events_whenLimitInvalid_isOciError400() {
    HttpResponse r = regions.get("aa", "/meridian/v1/events?limit=-1");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("errors").get(0).path("code").asText()).isEqualTo("UNSUPPORTED");
  }

  @Test
  void handle_whenUnknownPathOrMethod_isOciNotFoundOrMethodNotAllowed() {
    HttpResponse unknown = regions.get("aa", "/meridian/v1/nope");
    HttpResponse post = regions.send("aa", "POST", "/meridian/v1/regions", null, null);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(json(unknown).path("errors").get(0).path("code").asText())
        .isEqualTo("NAME_UNKNOWN");
    assertThat(post.status()).isEqualTo(405);
  }

  @Test
  void router_whenNoAdminRoutes_answersNameUnknown() {
    RegistryHttpApi api = new RegistryHttpApi(null, null, java.util.List.of());
    HttpResponse r = api.handle(new dev.meridian.core.http.HttpRequest("GET",
        "/meridian/v1/regions", "", new dev.meridian.core.http.HttpHeaders(), null, 0, "h",
        "http"));

    assertThat(r.status()).isEqualTo(404);
  }

  long configSize;
  long layerSize;
  Digest manifestDigest;

  private Digest push(String seed, String tag) {
    String configText = "{\"config\":\"" + tag + "\"}";
    String layerText = "layer of " + tag;
    configSize = configText.length();
    layerSize = layerText.length();
    Digest config = regions.upload(seed, "library/app", configText);
    Digest layer = regions.upload(seed, "library/app", layerText);
    String manifest = TestManifests.oci(config, "", layer);
    HttpResponse r = regions.send(seed, "PUT", "/v2/library/app/manifests/" + tag,
        MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(201);
    manifestDigest = TestManifests.digestOf(manifest);
    return manifestDigest;
  }

  private static JsonNode json(HttpResponse r) {
    try {
      return JSON.readTree(ReplicaSetFixture.bytes(r));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
