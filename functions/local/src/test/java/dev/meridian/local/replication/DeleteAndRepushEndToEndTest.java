package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.s3.S3ObjectStore;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ManifestState;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Delete by digest, then push the same manifest again: a {@code 201} is a
 * promise, so the re-push must stay pullable in every region — whatever order notifications
 * arrive in, after reconcile too — unless a delete with a higher version exists; and a tag is
 * listed exactly when it is pullable. docs/replication.md, "Delete and re-push".
 */
class DeleteAndRepushEndToEndTest {

  private static final long SEED = Long.getLong("meridian.local.fault.seed", 20250101L);
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final List<String> REGIONS = List.of("eastus", "westeurope", "canadacentral");
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = ReplicationRuntimes.onDemand();
  }

  @AfterAll
  static void stop() {
    ReplicationRuntimes.stop(runtime);
  }

  @AfterEach
  void faultsOff() {
    runtime.setFaults(FaultPlan.none());
  }

  @Test
  void repush_afterDeleteByDigest_staysPullableEverywhereAfterReconcile() {
    String repo = "e2e/repush";
    URI east = runtime.regionEndpoint("eastus");
    URI west = runtime.regionEndpoint("westeurope");
    String digest = OciHttpClient.pushImage(east, repo, "l3", "repushed").digest();
    runtime.awaitReplicationIdle(LIMIT);
    assertThat(OciHttpClient.deleteManifest(east, repo, digest)).isEqualTo(202);
    runtime.awaitReplicationIdle(LIMIT);

    OciHttpClient.pushImage(east, repo, "l3again", "repushed");
    OciHttpClient.pushImage(west, repo, "l3b", "repushed");
    settle();

    assertRepushedEverywhere(repo, digest);
  }

  @Test
  void repush_afterDeleteByDigest_withFaults_convergesToTheRepush() {
    String repo = "e2e/repush-faults";
    URI east = runtime.regionEndpoint("eastus");
    URI west = runtime.regionEndpoint("westeurope");
    runtime.setFaults(new FaultPlan(SEED, 0.2, 0.3, 0.3, 0.3, Duration.ofMillis(400)));
    String digest = OciHttpClient.pushImage(east, repo, "l3", "repushed-faults").digest();
    assertThat(OciHttpClient.deleteManifest(east, repo, digest)).isEqualTo(202);
    // No waiting: the tombstone may reach westeurope before, during or after its re-push.
    OciHttpClient.pushImage(east, repo, "l3again", "repushed-faults");
    OciHttpClient.pushImage(west, repo, "l3b", "repushed-faults");
    runtime.awaitReplicationIdle(LIMIT);
    runtime.setFaults(FaultPlan.none());
    settle();

    assertRepushedEverywhere(repo, digest);
  }

  @Test
  void concurrentDeleteAndRepush_inTwoRegions_convergeToOneOutcomeEverywhere() throws Exception {
    String repo = "e2e/repush-race";
    URI east = runtime.regionEndpoint("eastus");
    URI west = runtime.regionEndpoint("westeurope");
    String digest = OciHttpClient.pushImage(east, repo, "l3", "raced").digest();
    runtime.awaitReplicationIdle(LIMIT);
    runtime.setFaults(new FaultPlan(SEED + 1, 0.2, 0.3, 0.3, 0.3, Duration.ofMillis(400)));
    CompletableFuture<Integer> delete =
        CompletableFuture.supplyAsync(() -> OciHttpClient.deleteManifest(east, repo, digest));
    CompletableFuture<?> push =
        CompletableFuture.runAsync(() -> OciHttpClient.pushImage(west, repo, "l3b", "raced"));
    assertThat(delete.get()).isEqualTo(202);
    push.get();
    runtime.awaitReplicationIdle(LIMIT);
    runtime.setFaults(FaultPlan.none());
    settle();

    Map<String, String> reference = state(east, repo, digest);
    for (String region : REGIONS) {
      assertThat(state(runtime.regionEndpoint(region), repo, digest))
          .as("state in %s", region).isEqualTo(reference);
      assertListedIffPullable(runtime.regionEndpoint(region), repo, List.of("l3", "l3b"));
    }
    assertThat(reference.get("l3")).as("l3 was deleted with its manifest").isEqualTo("HTTP 404");
    // The outcome is the newest record's, by version: the push if its put record is newer than
    // the tombstone, else the delete (then the 201 was superseded by a later delete).
    ManifestState records = records("eastus", repo, digest);
    for (String region : REGIONS) {
      assertThat(records(region, repo, digest)).as("records in %s", region).isEqualTo(records);
    }
    assertThat(records.newestDelete()).isNotNull();
    String expected = records.live() ? digest : "HTTP 404";
    assertThat(reference).containsEntry("l3b", expected).containsEntry(digest, expected);
  }

  /** The newest put record and tombstone of {@code digest} in {@code region}'s bucket. */
  private static ManifestState records(String region, String repo, String digest) {
    MeridianProperties p = runtime.regionProperties(region);
    try (S3Client s3 = AwsClients.s3(p.s3Connection())) {
      return ManifestState.read(new S3ObjectStore(s3, null, p.bucket()),
          RepositoryName.parse(repo), Digest.parse(digest));
    }
  }

  /** Quiescence, then one reconcile everywhere (which used to undo the re-push), then again. */
  private static void settle() {
    runtime.awaitReplicationIdle(LIMIT);
    runtime.reconcileAll();
    runtime.awaitReplicationIdle(LIMIT);
    runtime.reconcileAll();
    runtime.awaitReplicationIdle(LIMIT);
  }

  private static void assertRepushedEverywhere(String repo, String digest) {
    for (String region : REGIONS) {
      URI endpoint = runtime.regionEndpoint(region);
      for (String tag : List.of("l3again", "l3b")) {
        HttpResponse<byte[]> m = OciHttpClient.getManifest(endpoint, repo, tag);
        assertThat(m.statusCode()).as("%s:%s in %s", repo, tag, region).isEqualTo(200);
        assertThat(OciHttpClient.digest(m.body())).isEqualTo(digest);
      }
      assertThat(OciHttpClient.getManifest(endpoint, repo, digest).statusCode())
          .as("%s@%s in %s", repo, digest, region).isEqualTo(200);
      assertThat(OciHttpClient.getManifest(endpoint, repo, "l3").statusCode())
          .as("l3 went with the delete in %s", region).isEqualTo(404);
      assertThat(OciHttpClient.tags(endpoint, repo)).as("tags in %s", region)
          .containsExactly("l3again", "l3b");
    }
  }

  /** Every tag in {@code candidates} is listed exactly when its manifest GET answers 200. */
  private static void assertListedIffPullable(URI region, String repo, List<String> candidates) {
    List<String> listed = OciHttpClient.tags(region, repo);
    for (String tag : candidates) {
      boolean pullable = OciHttpClient.getManifest(region, repo, tag).statusCode() == 200;
      assertThat(listed.contains(tag)).as("%s listed in %s (pullable: %s)", tag, region, pullable)
          .isEqualTo(pullable);
    }
  }

  /** tag (and the digest itself) → the digest served, or the status. */
  private static Map<String, String> state(URI region, String repo, String digest) {
    Map<String, String> state = new TreeMap<>();
    for (String reference : List.of("l3", "l3b", digest)) {
      HttpResponse<byte[]> m = OciHttpClient.getManifest(region, repo, reference);
      state.put(reference,
          m.statusCode() == 200 ? OciHttpClient.digest(m.body()) : "HTTP " + m.statusCode());
    }
    state.put("listed", String.join(",", OciHttpClient.tags(region, repo)));
    return state;
  }
}
