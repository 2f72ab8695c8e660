package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Direct uploads (docs/uploads.md) end to end on the local runtime: a plain Java HTTP client
 * PUTs the parts of a 40 MiB blob in parallel straight to s3proxy through the presigned URLs,
 * completes through the registry, and the blob is pulled from its region and, after
 * replication, from another. The verification budget is zero here (meridian.direct-verify-budget,
 * set before the runtime starts), so every request hashes one 8 MiB slice: the 40 MiB blob
 * answers 202 until the repeated PUT finishes it, which is the path a blob too large for API
 * Gateway's 30 s takes on AWS.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectUploadEndToEndTest {
  private static final String BUDGET_PROPERTY = "meridian.direct-verify-budget";
  private static final long MIB = 1024 * 1024;

  private LocalRuntime runtime;

  @BeforeAll
  void start() {
    System.setProperty(BUDGET_PROPERTY, "PT0S");
    try {
      runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts());
    } finally {
      System.clearProperty(BUDGET_PROPERTY); // read once, when the regions' contexts start
    }
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private PlainHttp http(int region) {
    return new PlainHttp(runtime.regionEndpoint(runtime.regionNames().get(region)));
  }

  @Test
  void fortyMiB_partsInParallelToS3_completedPastTheBudget_thenPulledHereAndInAnotherRegion() {
    byte[] blob = random(40 * MIB, 1);
    String digest = PlainHttp.sha256(blob);
    DirectUploadClient client = new DirectUploadClient(http(0));
    DirectUploadClient.Started started = client.start("direct/app", blob.length);
    assertThat(started.plan().get("partCount").asInt()).isEqualTo(5);

    assertThat(client.putParts(started, blob)).isEqualTo(5);
    List<HttpResponse<byte[]>> answers = client.completeUntilDone(started.location(), digest, 10);

    assertThat(answers.get(0).statusCode()).as(PlainHttp.describe(answers.get(0)))
        .isEqualTo(202);
    assertThat(answers.get(0).headers().firstValue("Meridian-Upload-Status"))
        .hasValue("verifying");
    HttpResponse<byte[]> last = answers.get(answers.size() - 1);
    assertThat(last.statusCode()).as(PlainHttp.describe(last)).isEqualTo(201);
    assertThat(last.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    assertThat(answers).hasSizeGreaterThan(1);
    HttpResponse<byte[]> here = http(0).getFollowing("/v2/direct/app/blobs/" + digest);
    assertThat(here.statusCode()).as(PlainHttp.describe(here)).isEqualTo(200);
    assertThat(here.body()).isEqualTo(blob);

    // A region links a replicated blob to a repository through the manifests naming it.
    pushManifest(http(0), "direct/app", digest, blob.length);
    runtime.awaitReplicationIdle(Duration.ofSeconds(60));
    HttpResponse<byte[]> there = http(1).getFollowing("/v2/direct/app/blobs/" + digest);
    assertThat(there.statusCode()).as(PlainHttp.describe(there)).isEqualTo(200);
    assertThat(PlainHttp.sha256(there.body())).isEqualTo(digest);
  }

  @Test
  void wrongDigest_isDigestInvalid_deletesTheStagedObject_andTheSessionSaysWhy() {
    byte[] blob = random(6 * MIB, 2);
    String wrong = PlainHttp.sha256(new byte[] {1});
    DirectUploadClient client = new DirectUploadClient(http(0));
    DirectUploadClient.Started started = client.start("direct/bad", blob.length);
    client.putParts(started, blob);

    HttpResponse<byte[]> refused = client.complete(started.location(), wrong);

    assertThat(refused.statusCode()).as(PlainHttp.describe(refused)).isEqualTo(400);
    assertThat(text(refused)).contains("\"code\":\"DIGEST_INVALID\"")
        .contains(PlainHttp.sha256(blob));
    String session = started.response().headers().firstValue("Docker-Upload-UUID").orElseThrow();
    assertThat(stagedObjectExists(0, "_uploads/" + session + "/data")).isFalse();
    HttpResponse<byte[]> status = http(0).get(started.location());
    assertThat(status.statusCode()).as(PlainHttp.describe(status)).isEqualTo(400);
    assertThat(text(status)).contains("DIGEST_INVALID").contains("does not match");
    assertThat(http(0).head("/v2/direct/bad/blobs/" + wrong).statusCode()).isEqualTo(404);
  }

  @Test
  void aBlobOfOneSlice_verifiesWithinTheRequest_andAnswers201AtOnce() {
    byte[] blob = random(6 * MIB, 3);
    DirectUploadClient client = new DirectUploadClient(http(0));
    DirectUploadClient.Started started = client.start("direct/small", blob.length);
    client.putParts(started, blob);

    HttpResponse<byte[]> done = client.complete(started.location(), PlainHttp.sha256(blob));

    assertThat(done.statusCode()).as(PlainHttp.describe(done)).isEqualTo(201);
  }

  /** An image manifest with the blob as its one layer, and a small config pushed monolithically. */
  private static void pushManifest(PlainHttp http, String repository, String layer,
      long layerSize) {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}"
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = PlainHttp.sha256(config);
    HttpResponse<byte[]> posted = http.send(http.request("/v2/" + repository
            + "/blobs/uploads/?digest=" + configDigest)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(config)).build());
    assertThat(posted.statusCode()).as(PlainHttp.describe(posted)).isEqualTo(201);
    String manifest = "{\"schemaVersion\":2,"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
        + "\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        + "\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}]}";
    HttpResponse<byte[]> put = http.send(http.request("/v2/" + repository + "/manifests/v1")
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build());
    assertThat(put.statusCode()).as(PlainHttp.describe(put)).isEqualTo(201);
  }

  private boolean stagedObjectExists(int region, String key) {
    MeridianProperties p = runtime.regionProperties(runtime.regionNames().get(region));
    try (S3Client s3 = AwsClients.s3(p.s3Connection())) {
      s3.headObject(r -> r.bucket(p.bucket()).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  static byte[] random(long size, long seed) {
    byte[] bytes = new byte[(int) size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
