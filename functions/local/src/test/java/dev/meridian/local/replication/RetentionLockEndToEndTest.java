package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Locks, retention and soft delete through the local runtime's HTTP API, with the fault mode on
 * (notifications dropped, duplicated, delayed, reordered): a tag locked while two regions push it
 * ends on the pinned digest in every region; retention's dry run equals its real run; a manifest
 * deleted in one region is restored from another. Lifecycle passes run on demand ({@code
 * lifecycleAll()}), as reconcile does here.
 */
class RetentionLockEndToEndTest {
  private static final long SEED = Long.getLong("meridian.local.fault.seed", 20250101L);
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final List<String> REGIONS = List.of("eastus", "westeurope", "canadacentral");
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    System.setProperty("meridian.local.lifecycle.period", "PT0S");
    FaultPlan faults = new FaultPlan(SEED, 0.15, 0.2, 0.3, 0.2, Duration.ofMillis(300));
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
        .withBlobDelivery(BlobDelivery.STREAM)
        .withReplication(new ReplicationOptions(Duration.ZERO, faults)));
  }

  @AfterAll
  static void stop() {
    System.clearProperty("meridian.local.lifecycle.period");
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void lockedTag_whenTwoRegionsPushWhileItIsLockedUnderFaults_endsOnThePinEverywhere()
      throws Exception {
    String repo = "e2e/locked";
    URI east = runtime.regionEndpoint("eastus");
    URI west = runtime.regionEndpoint("westeurope");
    URI canada = runtime.regionEndpoint("canadacentral");
    OciHttpClient.pushImage(east, repo, "prod", "first");
    runtime.awaitReplicationIdle(LIMIT);

    CompletableFuture<HttpResponse<String>> racer = CompletableFuture.supplyAsync(
        () -> LifecycleHttp.putImage(west, repo, "prod", "racer"));
    HttpResponse<String> lock = LifecycleHttp.admin(east, "PUT", "locks",
        "{\"repository\":\"" + repo + "\",\"tag\":\"prod\",\"writeEnabled\":false,"
            + "\"deleteEnabled\":false}");
    assertThat(lock.statusCode()).as(lock.body()).isEqualTo(200);
    String pinned = LifecycleHttp.json(lock).path("pinnedDigest").asText();
    assertThat(racer.get().statusCode()).as("the racing push, before or after the lock")
        .isIn(201, 409);

    List<CompletableFuture<HttpResponse<String>>> late = new ArrayList<>();
    for (URI region : List.of(west, canada)) {
      late.add(CompletableFuture.supplyAsync(
          () -> LifecycleHttp.putImage(region, repo, "prod", "late-" + region.getPort())));
    }
    for (CompletableFuture<HttpResponse<String>> push : late) {
      HttpResponse<String> refused = push.get();
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      assertThat(refused.body()).contains("DENIED").contains(repo + ":prod")
          .contains("writeEnabled");
    }
    assertThat(OciHttpClient.deleteManifest(west, repo, "prod")).isEqualTo(403);
    converge(2);

    assertThat(runtime.droppedNotifications()).isPositive();
    for (String region : REGIONS) {
      assertThat(LifecycleHttp.resolve(runtime.regionEndpoint(region), repo, "prod"))
          .as("prod in %s", region).isEqualTo(pinned);
    }
  }

  @Test
  void retentionRun_whenDryRunFirst_deletesWhatItListedInEveryRegion() {
    String repo = "e2e/retained";
    URI east = runtime.regionEndpoint("eastus");
    URI west = runtime.regionEndpoint("westeurope");
    for (int i = 0; i < 4; i++) {
      OciHttpClient.pushImage(i % 2 == 0 ? east : west, repo, "build-" + i, "retained-" + i);
    }
    OciHttpClient.pushImage(east, repo, "v1.0", "retained-release");
    converge();
    HttpResponse<String> rule = LifecycleHttp.admin(west, "PUT", "retention/rules/e2e-keep",
        "{\"repositories\":\"e2e/retained\",\"keepLast\":1,\"exclusions\":[\"v*\"]}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(200);

    JsonNode dry = LifecycleHttp.json(LifecycleHttp.admin(runtime.regionEndpoint("canadacentral"),
        "POST", "retention/run?rule=e2e-keep&dryRun=true", null));
    JsonNode real = LifecycleHttp.json(LifecycleHttp.admin(runtime.regionEndpoint("canadacentral"),
        "POST", "retention/run?rule=e2e-keep", null));
    converge();

    assertThat(targets(dry.path("selected"))).containsExactlyInAnyOrder("build-0", "build-1",
        "build-2");
    assertThat(targets(real.path("deleted"))).isEqualTo(targets(dry.path("selected")));
    for (String region : REGIONS) {
      assertThat(OciHttpClient.tags(runtime.regionEndpoint(region), repo)).as(region)
          .containsExactly("build-3", "v1.0");
    }
    JsonNode events = LifecycleHttp.json(LifecycleHttp.admin(east, "GET", "events?limit=1000",
        null));
    List<String> reasons = new ArrayList<>();
    events.path("events").forEach(e -> {
      if (repo.equals(e.path("target").path("repository").asText())
          && "delete".equals(e.path("action").asText())) {
        reasons.add(e.path("reason").asText());
      }
    });
    assertThat(reasons).containsExactly("retention", "retention", "retention");
  }

  @Test
  void restore_whenDeletedInOneRegion_isServedAgainEverywhere() {
    String repo = "e2e/softdeleted";
    URI east = runtime.regionEndpoint("eastus");
    URI canada = runtime.regionEndpoint("canadacentral");
    assertThat(LifecycleHttp.admin(east, "PUT", "soft-delete",
        "{\"enabled\":true,\"retentionDays\":7}").statusCode()).isEqualTo(200);
    OciHttpClient.Image image = OciHttpClient.pushImage(east, repo, "keep", "soft");
    converge();
    assertThat(OciHttpClient.deleteManifest(east, repo, image.digest())).isEqualTo(202);
    converge();

    JsonNode listed = LifecycleHttp.json(LifecycleHttp.admin(canada, "GET", "deleted/" + repo,
        null));
    assertThat(listed.path("manifests").get(0).path("digest").asText()).isEqualTo(image.digest());
    HttpResponse<String> restored = LifecycleHttp.admin(canada, "POST",
        "deleted/" + repo + "/" + image.digest() + "/restore?tag=keep", null);
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    converge();

    for (String region : REGIONS) {
      assertThat(LifecycleHttp.resolve(runtime.regionEndpoint(region), repo, "keep"))
          .as(region).isEqualTo(image.digest());
    }
    assertThat(LifecycleHttp.json(LifecycleHttp.admin(east, "GET", "deleted/" + repo, null))
        .path("manifests")).isEmpty();
  }

  private static List<String> targets(JsonNode candidates) {
    List<String> tags = new ArrayList<>();
    candidates.forEach(c -> tags.add(c.path("tag").asText()));
    return tags.stream().sorted().toList();
  }

  private static void converge() {
    converge(1);
  }

  /**
   * Faults off; {@code rounds} times a reconcile and a lifecycle pass in every region (a repin
   * made by the first round's pass travels in the second); faults back on.
   */
  private static void converge(int rounds) {
    runtime.awaitReplicationIdle(LIMIT);
    runtime.setFaults(FaultPlan.none());
    for (int round = 0; round < rounds; round++) {
      runtime.reconcileAll();
      runtime.lifecycleAll();
      runtime.awaitReplicationIdle(LIMIT);
    }
    runtime.setFaults(new FaultPlan(SEED + 1, 0.15, 0.2, 0.3, 0.2, Duration.ofMillis(300)));
  }
}
