package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.TestAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a pull sees while replicating, through the local runtime over HTTP (docs/replication.md
 * "What a pull sees while replicating"): every notification dropped ({@code --fault-drop 1}) and
 * reconcile an hour away, so a region can learn of a push only by asking on a miss. {@link
 * #options()} picks the front; {@code PullWhileReplicatingLambdaEndToEndTest} runs the same through
 * {@code --front lambda}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PullWhileReplicatingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final FaultPlan DROP_ALL =
      new FaultPlan(20250101L, 1.0, 0, 0, 0, Duration.ofMillis(100));
  /** Redirects are not followed: a test looks at the 307 itself. */
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private LocalRuntime runtime;

  /** The runtime's options: the default front, blobs streamed. */
  LocalOptions options() {
    return LocalOptions.ephemeralOnFreePorts().withBlobDelivery(BlobDelivery.STREAM);
  }

  @BeforeAll
  void start() {
    runtime = LocalRuntime.start(options()
        .withReplication(new ReplicationOptions(Duration.ofHours(1), FaultPlan.none())));
  }

  @AfterAll
  void stop() {
    ReplicationRuntimes.stop(runtime);
  }

  @AfterEach
  void faultsOff() {
    runtime.setFaults(FaultPlan.none());
    runtime.regionUp("westeurope");
  }

  @Test
  void pull_whenThePushsNotificationsWereLost_isExplained404_andArrivesForAClientRetrying()
      throws Exception {
    runtime.setFaults(DROP_ALL);
    String digest = OciHttpClient.pushImage(east(), "e2e/pull-report", "v1", "report").digest();

    HttpResponse<String> miss = get(west(), "/v2/e2e/pull-report/manifests/v1");

    assertThat(miss.statusCode()).isEqualTo(404);
    assertThat(miss.headers().firstValue("Retry-After")).contains("1");
    JsonNode error = JSON.readTree(miss.body()).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(error.path("detail").path("presentIn").toString()).isEqualTo("[\"eastus\"]");
    assertThat(error.path("detail").path("digest").asText()).isEqualTo(digest);
    assertThat(error.path("detail").path("state").asText()).isEqualTo("replicating");
    assertThat(error.path("detail").path("pushedAt").asText()).isNotBlank();

    // A client that honours Retry-After gets the image once the region, still never notified,
    // has found it delayed and copied it itself.
    HttpResponse<String> served = retryingOnRetryAfter(west(), "/v2/e2e/pull-report/manifests/v1");
    assertThat(served.headers().firstValue("Docker-Content-Digest")).contains(digest);
    assertThat(runtime.droppedNotifications()).isPositive();
  }

  @Test
  void pull_whenNoRegionHasIt_isAPlain404() throws Exception {
    HttpResponse<String> miss = get(west(), "/v2/e2e/pull-nowhere/manifests/v1");

    assertThat(miss.statusCode()).isEqualTo(404);
    assertThat(miss.headers().firstValue("Retry-After")).isEmpty();
    JsonNode error = JSON.readTree(miss.body()).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(error.has("detail")).isFalse();
  }

  @Test
  void pull_withOnMissFetch_isServedFromTheRegionThatHasIt() throws Exception {
    HttpResponse<String> set = send(HttpRequest.newBuilder(
            east().resolve("/meridian/v1/settings/pull/e2e/pull-fetch"))
        .header("Content-Type", "application/json")
        .PUT(BodyPublishers.ofString("{\"onMiss\":\"fetch\"}")).build());
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    runtime.setFaults(DROP_ALL);
    OciHttpClient.Image image = OciHttpClient.pushImage(east(), "e2e/pull-fetch", "v1", "fetch");

    HttpResponse<byte[]> manifest = OciHttpClient.getManifest(west(), "e2e/pull-fetch", "v1");

    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(OciHttpClient.digest(manifest.body())).isEqualTo(image.digest());
    assertThat(manifest.headers().firstValue("Meridian-Served-From")).contains("eastus");
    for (String blob : OciHttpClient.referencedBlobs(manifest.body())) {
      byte[] bytes = blobBytes(west(), "e2e/pull-fetch", blob);
      assertThat(OciHttpClient.digest(bytes)).as("blob %s", blob).isEqualTo(blob);
    }
  }

  @Test
  void pull_ofATagOverwrittenWhileReplicationIsHeldUp_carriesThePendingHeaderUntilApplied()
      throws Exception {
    String old = OciHttpClient.pushImage(east(), "e2e/pull-pending", "v1", "old").digest();
    runtime.awaitReplicationIdle(LIMIT);
    assertThat(OciHttpClient.digest(OciHttpClient.getManifest(west(), "e2e/pull-pending", "v1")
        .body())).isEqualTo(old);
    runtime.regionDown("westeurope", Duration.ofMinutes(2)); // copies there fail, retried

    String newer = OciHttpClient.pushImage(east(), "e2e/pull-pending", "v1", "new").digest();

    String expected = "pending; newer=" + newer + "; from=eastus";
    Eventually.await("the pending header in westeurope", LIMIT, () -> expected.equals(
        OciHttpClient.getManifest(west(), "e2e/pull-pending", "v1").headers()
            .firstValue("Meridian-Replication").orElse(null)));
    HttpResponse<byte[]> stale = OciHttpClient.getManifest(west(), "e2e/pull-pending", "v1");
    assertThat(OciHttpClient.digest(stale.body())).isEqualTo(old);
    JsonNode status = JSON.readTree(get(west(),
        "/meridian/v1/replication/e2e/pull-pending/v1").body());
    assertThat(status.path("regions").get(1).path("pending").path("digest").asText())
        .isEqualTo(newer);

    runtime.regionUp("westeurope");
    runtime.reconcileAll();
    runtime.awaitReplicationIdle(LIMIT);
    HttpResponse<byte[]> fresh = OciHttpClient.getManifest(west(), "e2e/pull-pending", "v1");
    assertThat(OciHttpClient.digest(fresh.body())).isEqualTo(newer);
    assertThat(fresh.headers().firstValue("Meridian-Replication")).isEmpty();
  }

  /** A blob's bytes; a 307 (read-through on the AWS shape) is followed without credentials. */
  private static byte[] blobBytes(URI region, String repo, String digest) throws Exception {
    HttpResponse<byte[]> r = CLIENT.send(TestAdmin.signed(HttpRequest.newBuilder(
        region.resolve("/v2/" + repo + "/blobs/" + digest)).build()),
        BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("Meridian-Served-From")).contains("eastus");
    if (r.statusCode() == 307) {
      r = CLIENT.send(HttpRequest.newBuilder(URI.create(
          r.headers().firstValue("Location").orElseThrow())).build(), BodyHandlers.ofByteArray());
    }
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** GETs until 200, sleeping what each 404's Retry-After says; fails after {@link #LIMIT}. */
  private static HttpResponse<String> retryingOnRetryAfter(URI region, String path)
      throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      HttpResponse<String> r = get(region, path);
      if (r.statusCode() == 200) {
        return r;
      }
      assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
      assertThat(System.nanoTime() - deadline).as("still missing: %s", r.body()).isNegative();
      Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow()));
    }
  }

  private static HttpResponse<String> get(URI region, String path) throws Exception {
    return send(HttpRequest.newBuilder(region.resolve(path))
        .header("Accept", OciHttpClient.OCI_MANIFEST).build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException,
      InterruptedException {
    return CLIENT.send(TestAdmin.signed(request), BodyHandlers.ofString());
  }

  private URI east() {
    return runtime.regionEndpoint("eastus");
  }

  private URI west() {
    return runtime.regionEndpoint("westeurope");
  }
}
