package dev.meridian.core.blob;

import static dev.meridian.core.blob.UploadTestSupport.MIB;
import static dev.meridian.core.blob.UploadTestSupport.random;
import static dev.meridian.core.blob.UploadTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.blob.BlobApiHarness.Reply;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Direct uploads (docs/uploads.md) through the HTTP API over the in-memory fakes. */
class DirectUploadApiTest {
  private static final String UPLOADS = "/v2/team/app/blobs/uploads/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BlobApiHarness api = new BlobApiHarness(BlobDelivery.STREAM);

  @Test
  void post_withDirectMode_answersSessionAndPartUrlsCoveringTheDeclaredLength() throws IOException {
    Reply started = start(api, 20 * MIB + 5);

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.header("Meridian-Upload-Mode")).isEqualTo("direct");
    assertThat(started.header("Location")).startsWith(UPLOADS);
    JsonNode body = JSON.readTree(started.body());
    assertThat(body.get("partSize").asLong()).isEqualTo(8 * MIB);
    assertThat(body.get("partCount").asInt()).isEqualTo(3);
    assertThat(body.get("parts")).hasSize(3);
    assertThat(body.get("parts").get(2).get("offset").asLong()).isEqualTo(16 * MIB);
    assertThat(body.get("parts").get(2).get("length").asLong()).isEqualTo(4 * MIB + 5);
  }

  @Test
  void post_withoutDirectMode_isTheStandardProtocol() {
    Reply started = api.send("POST", UPLOADS, null);

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.header("Meridian-Upload-Mode")).isNull();
    assertThat(started.body()).isEmpty();
  }

  @Test
  void post_withDirectModeButNoLength_isSizeInvalid() {
    Reply started = api.send("POST", UPLOADS, null, "Meridian-Upload-Mode", "direct");

    assertThat(started.status()).isEqualTo(400);
    assertThat(started.text()).contains("SIZE_INVALID", "Meridian-Upload-Length");
  }

  @Test
  void directUpload_whenPartsPutAndCompleted_makesTheBlob() throws IOException {
    byte[] blob = random(20 * MIB + 5, 1);
    Reply started = start(api, blob.length);
    uploadParts(api, started, blob);

    Reply done = api.send("PUT", started.header("Location") + "?digest=" + sha256(blob), null);

    assertThat(done.status()).isEqualTo(201);
    assertThat(done.header("Docker-Content-Digest")).isEqualTo(sha256(blob).toString());
    assertThat(api.send("GET", "/v2/team/app/blobs/" + sha256(blob), null).body())
        .isEqualTo(blob);
    assertThat(api.memory.openMultipartUploads()).isZero();
  }

  @Test
  void directUpload_whenDigestWrong_isDigestInvalid_deletesTheObject_andTheSessionSaysWhy() {
    byte[] blob = random(9 * MIB, 2);
    Reply started = start(api, blob.length);
    uploadParts(api, started, blob);
    Digest wrong = sha256(new byte[] {1});

    Reply done = api.send("PUT", started.header("Location") + "?digest=" + wrong, null);

    assertThat(done.status()).isEqualTo(400);
    assertThat(done.text()).contains("DIGEST_INVALID");
    assertThat(api.memory.head(StorageLayout.uploadData(started.header("Docker-Upload-UUID"))))
        .isEmpty();
    assertThat(api.memory.head(StorageLayout.blob(wrong))).isEmpty();
    Reply status = api.send("GET", started.header("Location"), null);
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.text()).contains("DIGEST_INVALID", sha256(blob).toString());
  }

  @Test
  void directUpload_whenAPartIsMissing_refusesAndCanBeCompletedLater() throws IOException {
    byte[] blob = random(17 * MIB, 3);
    Reply started = start(api, blob.length);
    JsonNode parts = JSON.readTree(started.body()).get("parts");
    put(api, parts.get(0), blob);
    put(api, parts.get(2), blob);
    String complete = started.header("Location") + "?digest=" + sha256(blob);

    Reply early = api.send("PUT", complete, null);
    put(api, parts.get(1), blob);
    Reply late = api.send("PUT", complete, null);

    assertThat(early.status()).isEqualTo(400);
    assertThat(early.text()).contains("BLOB_UPLOAD_INVALID", "[2]");
    assertThat(late.status()).isEqualTo(201);
  }

  @Test
  void directUpload_whenVerificationOutrunsTheBudget_answers202UntilARepeatedPutFinishes()
      throws IOException {
    BlobApiHarness slow = new BlobApiHarness(RegistrySettings.defaults("meridian", "eastus", new Seed("aa"))
        .withBlobDelivery(BlobDelivery.STREAM).withVerifyBudget(Duration.ZERO), null);
    byte[] blob = random(20 * MIB, 4);
    Reply started = start(slow, blob.length);
    uploadParts(slow, started, blob);

    String complete = started.header("Location") + "?digest=" + sha256(blob);
    Reply accepted = slow.send("PUT", complete, null);
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.header("Location")).isEqualTo(started.header("Location"));
    assertThat(accepted.header("Meridian-Upload-Status")).isEqualTo("verifying");
    assertThat(JSON.readTree(accepted.body()).get("verified").asLong()).isEqualTo(8 * MIB);
    assertThat(slow.send("GET", "/v2/team/app/blobs/" + sha256(blob), null).status())
        .isEqualTo(404);
    Reply status = slow.send("GET", started.header("Location"), null);
    assertThat(status.status()).isEqualTo(202);
    assertThat(JSON.readTree(status.body()).get("verified").asLong()).isEqualTo(8 * MIB);

    Reply second = slow.send("PUT", complete, null);
    Reply third = slow.send("PUT", complete, null);

    assertThat(second.status()).isEqualTo(202);
    assertThat(third.status()).isEqualTo(201);
    assertThat(third.header("Docker-Content-Digest")).isEqualTo(sha256(blob).toString());
    assertThat(slow.send("GET", "/v2/team/app/blobs/" + sha256(blob), null).body())
        .isEqualTo(blob);
  }

  @Test
  void directUpload_whenTheFastHashRunsOutOfHalfTheBudget_theResumableHashStartsOverAndFinishes()
      throws IOException {
    // Every read of the clock is a second later: the JDK's hash stops after a slice or two, the
    // resumable one starts again at 0 and goes on over the repeated PUTs.
    Instant[] now = {Instant.parse("2026-12-07T16:00:00Z")};
    Clock ticking = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public synchronized Instant instant() {
        now[0] = now[0].plusSeconds(1);
        return now[0];
      }
    };
    BlobApiHarness ticks = new BlobApiHarness(RegistrySettings.defaults("meridian", "eastus", new Seed("aa"))
        .withBlobDelivery(BlobDelivery.STREAM).withVerifyBudget(Duration.ofSeconds(6)), null,
        ticking);
    byte[] blob = random(40 * MIB, 7);
    Reply started = start(ticks, blob.length);
    uploadParts(ticks, started, blob);
    String complete = started.header("Location") + "?digest=" + sha256(blob);

    Reply first = ticks.send("PUT", complete, null);
    assertThat(first.status()).isEqualTo(202);
    long verified = JSON.readTree(first.body()).get("verified").asLong();
    assertThat(verified).isPositive().isLessThan(blob.length);
    Reply last = first;
    for (int i = 0; i < 10 && last.status() == 202; i++) {
      last = ticks.send("PUT", complete, null);
    }

    assertThat(last.status()).isEqualTo(201);
    assertThat(ticks.send("GET", "/v2/team/app/blobs/" + sha256(blob), null).body())
        .isEqualTo(blob);
  }

  @Test
  void directUpload_whenAPartHasTheWrongSize_isSizeInvalid_andAFixedPartCompletes()
      throws IOException {
    byte[] blob = random(10 * MIB, 5);
    Reply started = start(api, blob.length);
    JsonNode parts = JSON.readTree(started.body()).get("parts");
    put(api, parts.get(0), blob);
    URI second = URI.create(parts.get(1).get("url").asText());
    assertThat(api.memory.putPresigned(second, new byte[100])).isEqualTo(200);
    String complete = started.header("Location") + "?digest=" + sha256(blob);

    Reply wrong = api.send("PUT", complete, null);
    put(api, parts.get(1), blob);
    Reply fixed = api.send("PUT", complete, null);

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.text()).contains("SIZE_INVALID", "part 2 has 100 bytes");
    assertThat(fixed.status()).isEqualTo(201);
  }

  @Test
  void complete_withASha512Digest_isDigestInvalid_andTheSessionLives() {
    byte[] blob = random(6 * MIB, 6);
    Reply started = start(api, blob.length);
    uploadParts(api, started, blob);

    Reply sha512 = api.send("PUT", started.header("Location") + "?digest="
        + UploadTestSupport.sha512(blob), null);
    Reply sha256 = api.send("PUT", started.header("Location") + "?digest=" + sha256(blob), null);

    assertThat(sha512.status()).isEqualTo(400);
    assertThat(sha512.text()).contains("DIGEST_INVALID", "sha256");
    assertThat(sha256.status()).isEqualTo(201);
  }

  @Test
  void patchWithParts_answersMoreUrls_andRefusesRangesOutsideThePlan() throws IOException {
    Reply started = start(api, 30 * MIB);

    Reply some = api.send("PATCH", started.header("Location") + "?parts=2-3", null);
    Reply beyond = api.send("PATCH", started.header("Location") + "?parts=3-5", null);
    Reply standard = api.send("PATCH",
        api.send("POST", UPLOADS, null).header("Location") + "?parts=1-1", null);

    assertThat(some.status()).isEqualTo(200);
    assertThat(JSON.readTree(some.body()).get("parts")).extracting(p -> p.get("partNumber").asInt())
        .containsExactly(2, 3);
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(standard.status()).isEqualTo(400);
  }

  @Test
  void patch_ofADirectSession_isRefused() {
    Reply started = start(api, 6 * MIB);

    Reply patch = api.send("PATCH", started.header("Location"), new byte[10],
        "Content-Range", "0-9");

    assertThat(patch.status()).isEqualTo(400);
    assertThat(patch.text()).contains("presigned");
  }

  /**
   * Security: the URLs write only this session's own multipart upload at its staging key, and
   * expire within an hour (the session TTL here is 24 h).
   */
  @Test
  void partUrls_nameOnlyTheSessionsOwnUpload_andExpireWithinAnHour() throws IOException {
    Instant before = Instant.now();
    Reply started = start(api, 12 * MIB);
    String session = started.header("Docker-Upload-UUID");
    String uploadId = api.memory.listMultipart(StorageLayout.UPLOADS_PREFIX, null, 10).stream()
        .filter(u -> u.key().equals(StorageLayout.uploadData(session))).findFirst().orElseThrow()
        .uploadId();

    JsonNode body = JSON.readTree(started.body());
    assertThat(Instant.parse(body.get("expiresAt").asText()))
        .isBefore(before.plus(Duration.ofHours(1)).plusSeconds(5));
    for (JsonNode part : body.get("parts")) {
      URI url = URI.create(part.get("url").asText());
      assertThat(url.getPath()).isEqualTo("/" + StorageLayout.uploadData(session));
      assertThat(url.getQuery()).contains("uploadId=" + uploadId);
      long expires = Long.parseLong(url.getQuery().replaceAll(".*expires=(\\d+).*", "$1"));
      assertThat(expires).isLessThanOrEqualTo(before.plus(Duration.ofHours(1)).getEpochSecond() + 5);
    }
  }

  // --- helpers ---

  private static Reply start(BlobApiHarness on, long length) {
    return on.send("POST", UPLOADS, null, "Meridian-Upload-Mode", "direct",
        "Meridian-Upload-Length", Long.toString(length));
  }

  private static void uploadParts(BlobApiHarness on, Reply started, byte[] blob) {
    try {
      for (JsonNode part : JSON.readTree(started.body()).get("parts")) {
        put(on, part, blob);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void put(BlobApiHarness on, JsonNode part, byte[] blob) {
    int offset = part.get("offset").asInt();
    byte[] bytes = Arrays.copyOfRange(blob, offset, offset + part.get("length").asInt());
    assertThat(on.memory.putPresigned(URI.create(part.get("url").asText()), bytes))
        .isEqualTo(200);
  }
}
