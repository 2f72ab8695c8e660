package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.TestAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Replication cannot be spoofed: regions exchange changes through their buckets (an
 * object written to one region's bucket is what the others replicate, and peers record acks in
 * the origin's bucket), so a "peer call" is an S3 request to the runtime's S3 endpoint. One that
 * is unsigned, or signed with anything but this run's secret, is refused (s3proxy checks SigV4)
 * and changes nothing: no object, no replicated manifest in any region, even after a reconcile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicationSpoofingEndToEndTest {
  private static final String HEX = "a".repeat(64);
  private static final String MANIFEST_KEY =
      "repositories/evil/app/_manifests/sha256/" + HEX;
  private static final String ACK_KEY = "_acks/" + MANIFEST_KEY + "/ab";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private LocalRuntime runtime;
  private MeridianProperties east;

  @BeforeAll
  void start() {
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts());
    east = runtime.regionProperties("eastus");
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void unsignedPeerWritesAreRefused() throws Exception {
    for (String key : new String[] {MANIFEST_KEY, ACK_KEY}) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
              URI.create(east.s3Endpoint() + "/" + east.bucket() + "/" + key))
          .timeout(Duration.ofSeconds(10))
          .PUT(HttpRequest.BodyPublishers.ofString("{\"schemaVersion\":2}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%s: %s", key, r.body()).isEqualTo(403);
    }
    assertNothingArrived();
  }

  @Test
  void writesSignedWithAnotherSecretAreRefused() {
    AwsConnection forged = AwsConnection.local(east.s3Endpoint(), east.awsRegion(),
        east.accessKeyId(), "not-the-secret-of-this-run-000000000000");
    try (S3Client s3 = AwsClients.s3(forged)) {
      assertThatThrownBy(() -> s3.putObject(b -> b.bucket(east.bucket()).key(MANIFEST_KEY),
          RequestBody.fromString("{\"schemaVersion\":2}")))
          .isInstanceOf(S3Exception.class)
          .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    }
    assertNothingArrived();
  }

  private void assertNothingArrived() {
    runtime.reconcileAll();
    for (String region : runtime.regionNames()) {
      MeridianProperties p = runtime.regionProperties(region);
      try (S3Client s3 = AwsClients.s3(p.s3Connection())) {
        assertThat(s3.listObjectsV2(b -> b.bucket(p.bucket()).prefix("repositories/evil/"))
            .contents()).as(region).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(p.bucket()).prefix("_acks/")).contents())
            .as(region).isEmpty();
      }
      try {
        HttpResponse<String> tags = HTTP.send(TestAdmin.signed(HttpRequest.newBuilder(
            runtime.regionEndpoint(region).resolve("/v2/evil/app/tags/list")).GET().build()),
            HttpResponse.BodyHandlers.ofString());
        assertThat(tags.statusCode()).as(region).isEqualTo(404);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }
}
