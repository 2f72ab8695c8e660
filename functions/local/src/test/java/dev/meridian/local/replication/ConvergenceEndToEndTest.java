package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Convergence through the local runtime with the fault mode on: notifications dropped,
 * duplicated, delayed and reordered; canadacentral down while pushes happen; the same tags written
 * concurrently with different digests in eastus and westeurope. After quiescence (faults off) and
 * one {@code reconcileAll()}, every region serves identical tags and manifest digests, with every
 * referenced blob; a reader running throughout never saw {@code BLOB_UNKNOWN} for a blob of a
 * manifest it resolved. Seed: {@code -Dmeridian.local.fault.seed=<n>} (default 20250101).
 */
class ConvergenceEndToEndTest {

  private static final long SEED = Long.getLong("meridian.local.fault.seed", 20250101L);
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String REPO = "e2e/converge";
  private static final List<String> REGIONS = List.of("eastus", "westeurope", "canadacentral");
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    FaultPlan faults = new FaultPlan(SEED, 0.15, 0.2, 0.3, 0.2, Duration.ofMillis(300));
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
        .withBlobDelivery(BlobDelivery.STREAM)
        .withReplication(new ReplicationOptions(Duration.ZERO, faults)));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void regions_whenFaultsDownRegionAndTagRaces_convergeAfterOneReconcile() throws Exception {
    URI east = runtime.regionEndpoint("eastus");
    URI west = runtime.regionEndpoint("westeurope");
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader = new Thread(() -> {
      while (reading.get()) {
        REGIONS.forEach(r -> readEveryTag(r, violations));
      }
    }, "converge-reader");
    reader.start();
    try {
      for (int i = 0; i < 3; i++) {
        OciHttpClient.pushImage(east, REPO, "east-" + i, "east-" + i);
        OciHttpClient.pushImage(west, REPO, "west-" + i, "west-" + i);
      }
      runtime.regionDown("canadacentral", Duration.ofSeconds(30));
      for (int i = 0; i < 3; i++) {
        String tag = "race-" + i;
        String round = "r" + i;
        CompletableFuture<?> a = CompletableFuture.runAsync(
            () -> OciHttpClient.pushImage(east, REPO, tag, "race-a-" + round));
        CompletableFuture<?> b = CompletableFuture.runAsync(
            () -> OciHttpClient.pushImage(west, REPO, tag, "race-b-" + round));
        CompletableFuture.allOf(a, b).get();
        OciHttpClient.pushImage(i % 2 == 0 ? east : west, REPO, "east-0", "moved-" + round);
      }
      Thread.sleep(1_000); // let fan-out to the down region fail and retry
      runtime.regionUp("canadacentral");
      runtime.awaitReplicationIdle(LIMIT);
      runtime.setFaults(FaultPlan.none());
      runtime.reconcileAll();
      runtime.awaitReplicationIdle(LIMIT);
    } finally {
      reading.set(false);
      reader.join();
    }

    assertThat(runtime.droppedNotifications()).as("faults must have dropped notifications")
        .isPositive();
    assertThat(violations).isEmpty();
    Map<String, String> reference = tagState(east);
    assertThat(reference).hasSize(9);
    for (String region : REGIONS) {
      URI endpoint = runtime.regionEndpoint(region);
      assertThat(tagState(endpoint)).as("tags and digests in %s", region).isEqualTo(reference);
      for (String tag : reference.keySet()) {
        byte[] manifest = OciHttpClient.getManifest(endpoint, REPO, tag).body();
        for (String blob : OciHttpClient.referencedBlobs(manifest)) {
          assertThat(OciHttpClient.getBlob(endpoint, REPO, blob).statusCode())
              .as("%s of %s:%s in %s", blob, REPO, tag, region).isEqualTo(200);
        }
      }
    }
  }

  /** tag → manifest digest, as a region serves them. */
  private static Map<String, String> tagState(URI region) {
    Map<String, String> state = new TreeMap<>();
    for (String tag : OciHttpClient.tags(region, REPO)) {
      HttpResponse<byte[]> m = OciHttpClient.getManifest(region, REPO, tag);
      state.put(tag, m.statusCode() == 200 ? OciHttpClient.digest(m.body()) : "HTTP " + m.statusCode());
    }
    return state;
  }

  /** Resolves every tag; a resolved manifest must serve all its blobs (never BLOB_UNKNOWN). */
  private static void readEveryTag(String region, List<String> violations) {
    URI endpoint = runtime.regionEndpoint(region);
    try {
      for (String tag : OciHttpClient.tags(endpoint, REPO)) {
        HttpResponse<byte[]> m = OciHttpClient.getManifest(endpoint, REPO, tag);
        if (m.statusCode() != 200) {
          continue; // MANIFEST_UNKNOWN is allowed
        }
        for (String blob : OciHttpClient.referencedBlobs(m.body())) {
          HttpResponse<byte[]> b = OciHttpClient.getBlob(endpoint, REPO, blob);
          String body = new String(b.body(), StandardCharsets.UTF_8);
          if (b.statusCode() != 200) {
            violations.add(region + " " + tag + " " + blob + ": " + b.statusCode() + " " + body);
          }
        }
      }
    } catch (RuntimeException e) {
      violations.add(region + ": reader failed: " + e);
    }
  }
}
