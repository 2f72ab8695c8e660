package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.s3.S3ObjectStore;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Garbage collection and quotas on the local runtime, three regions on DynamoDB Local and
 * s3proxy (docs/lifecycle.md): a deleted image's bytes leave every
 * region's bucket while a layer another repository uses stays, a dry run reports exactly what
 * the run then deletes, and a push over a quota is refused before or at completion.
 */
class LifecycleEndToEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final List<String> REGIONS = List.of("eastus", "westeurope", "canadacentral");
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    System.setProperty("meridian.gc.grace", "PT0S"); // blobs of this test are seconds old
    runtime = ReplicationRuntimes.onDemand();
  }

  @AfterAll
  static void stop() {
    ReplicationRuntimes.stop(runtime);
    System.clearProperty("meridian.gc.grace");
  }

  @Test
  void gc_afterAnImageIsDeleted_reclaimsItsBytesInEveryRegion_andKeepsTheSharedLayer() {
    URI east = runtime.regionEndpoint("eastus");
    OciHttpClient.Image shared = OciHttpClient.pushImage(east, "e2e/gc-other", "v1", "gc shared");
    OciHttpClient.pushImage(east, "e2e/gc-app", "v1", "gc shared");
    OciHttpClient.Image unique = OciHttpClient.pushImage(east, "e2e/gc-app", "v2", "gc unique");
    runtime.awaitReplicationIdle(LIMIT);
    assertThat(OciHttpClient.deleteManifest(east, "e2e/gc-app", shared.digest())).isEqualTo(202);
    assertThat(OciHttpClient.deleteManifest(east, "e2e/gc-app", unique.digest())).isEqualTo(202);
    runtime.awaitReplicationIdle(LIMIT);

    for (String region : REGIONS) {
      URI endpoint = runtime.regionEndpoint(region);
      JsonNode dry = admin(endpoint, "POST", "gc?dryRun=true", null, 200);
      JsonNode real = admin(endpoint, "POST", "gc", null, 200);

      assertThat(dry.get("dryRun").asBoolean()).isTrue();
      assertThat(texts(dry.get("blobs"))).as("dry run in %s", region)
          .containsAll(unique.blobs()).doesNotContainAnyElementsOf(shared.blobs());
      assertThat(texts(real.get("blobs"))).containsExactlyInAnyOrderElementsOf(texts(dry.get("blobs")));
      assertThat(texts(real.get("manifests"))).containsExactlyInAnyOrder(
          "e2e/gc-app@" + shared.digest(), "e2e/gc-app@" + unique.digest());
      assertThat(real.get("bytesFreed").asLong()).isEqualTo(dry.get("bytesFreed").asLong())
          .isPositive();
      for (String blob : unique.blobs()) {
        assertThat(inBucket(region, blob)).as("%s in %s", blob, region).isFalse();
      }
      for (String blob : shared.blobs()) {
        assertThat(inBucket(region, blob)).as("shared %s in %s", blob, region).isTrue();
        assertThat(OciHttpClient.getBlob(endpoint, "e2e/gc-other", blob).statusCode())
            .isEqualTo(200);
      }
      JsonNode runs = admin(endpoint, "GET", "gc/runs", null, 200).get("runs");
      assertThat(runs.get(0).get("id").asText()).isEqualTo(real.get("id").asText());
      assertThat(runs.get(1).get("dryRun").asBoolean()).isTrue();
    }
  }

  @Test
  void quota_refusesADeclaredPushBeforeAnyByte_andAnUndeclaredOneAtCompletion() {
    URI east = runtime.regionEndpoint("eastus");
    URI west = runtime.regionEndpoint("westeurope");
    admin(east, "PUT", "quotas", "{\"repositories\":\"e2e/quota*\",\"bytes\":100}", 200);
    assertThat(admin(west, "GET", "quotas", null, 200).get("quotas").toString())
        .as("replicated to every region").contains("e2e/quota*");
    byte[] small = "fits in the quota".getBytes(StandardCharsets.UTF_8);
    OciHttpClient.pushBlob(west, "e2e/quota-a", small);
    byte[] big = new byte[200];

    HttpResponse<String> monolithic = send(HttpRequest.newBuilder(west.resolve(
        "/v2/e2e/quota-a/blobs/uploads/?digest=" + OciHttpClient.digest(big)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
    assertThat(monolithic.statusCode()).isEqualTo(413);
    assertThat(monolithic.body()).contains("DENIED").contains("e2e/quota*");

    HttpResponse<String> open = send(HttpRequest.newBuilder(west.resolve(
        "/v2/e2e/quota-a/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build());
    URI session = west.resolve(open.headers().firstValue("Location").orElseThrow());
    send(HttpRequest.newBuilder(session).method("PATCH",
        HttpRequest.BodyPublishers.ofByteArray(big)).build());
    HttpResponse<String> completed = send(HttpRequest.newBuilder(URI.create(session + (
        session.getQuery() == null ? "?" : "&") + "digest=" + OciHttpClient.digest(big)))
        .PUT(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(413);
    assertThat(OciHttpClient.getBlob(west, "e2e/quota-a", OciHttpClient.digest(big)).statusCode())
        .isEqualTo(404);

    JsonNode usage = admin(west, "GET", "usage?region=westeurope", null, 200);
    assertThat(usage.toString()).contains("e2e/quota-a");
    assertThat(usage.get("regions").get(0).get("repositories").findValues("bytes").stream()
        .mapToLong(JsonNode::asLong).max().orElse(0)).isGreaterThanOrEqualTo(small.length);
    admin(east, "DELETE", "quotas?repositories=e2e/quota*", null, 204);
    OciHttpClient.pushBlob(west, "e2e/quota-a", big);
  }

  private static boolean inBucket(String region, String digest) {
    MeridianProperties p = runtime.regionProperties(region);
    try (S3Client s3 = AwsClients.s3(p.s3Connection())) {
      return new S3ObjectStore(s3, null, p.bucket()).head(StorageLayout.blob(Digest.parse(digest)))
          .isPresent();
    }
  }

  private static JsonNode admin(URI region, String method, String path, String body,
      int status) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(
            URI.create(region + "/meridian/v1/" + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(status);
    return r.body().isEmpty() ? null : WebhookAdmin.read(r.body());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static HttpResponse<String> send(HttpRequest request) {
    return WebhookAdmin.send(request); // signed as the admin
  }
}
