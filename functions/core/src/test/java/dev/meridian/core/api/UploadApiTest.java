package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.blob.BlobApiHarness.Reply;
import dev.meridian.core.blob.BlobApiHarness;
import dev.meridian.core.oci.Hex;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upload endpoints (POST, PATCH, PUT, GET, DELETE on {@code /blobs/uploads/}) over HTTP. */
class UploadApiTest {

  private static final String UPLOADS = "/v2/team/app/blobs/uploads/";
  private final BlobApiHarness h = new BlobApiHarness(BlobDelivery.STREAM);

  @Test
  void post_whenEmpty_202WithSessionHeaders() {
    Reply r = h.send("POST", UPLOADS, null, "Content-Length", "0");

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Location")).matches("/v2/team/app/blobs/uploads/[0-9a-f-]{36}");
    assertThat(r.header("Location")).endsWith(r.header("Docker-Upload-UUID"));
    assertThat(r.header("OCI-Chunk-Min-Length")).isEqualTo("5242880");
    assertThat(r.header("Range")).isNull();
    assertThat(r.body()).isEmpty();
  }

  @Test
  void post_whenDigestAndBody_201Monolithic() {
    byte[] bytes = random(5000, 1);
    Reply r = h.send("POST", UPLOADS + "?digest=" + sha256(bytes), bytes);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo("/v2/team/app/blobs/" + sha256(bytes));
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(sha256(bytes));
    assertThat(h.send("GET", r.header("Location"), null).body()).isEqualTo(bytes);
  }

  @Test
  void post_whenDigestWrong_400DigestInvalidAndNothingLinked() {
    byte[] bytes = random(5000, 1);
    String wrong = sha256(new byte[] {9});
    Reply r = h.send("POST", UPLOADS + "?digest=" + wrong, bytes);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("DIGEST_INVALID");
    assertThat(h.send("HEAD", "/v2/team/app/blobs/" + wrong, null).status()).isEqualTo(404);
  }

  @Test
  void post_whenBodyWithoutDigest_400BlobUploadInvalid() {
    Reply r = h.send("POST", UPLOADS, new byte[] {1, 2, 3});

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("BLOB_UPLOAD_INVALID");
  }

  @Test
  void chunkedUpload_when20MiBInUnevenChunks_bytesComeBackIdentical() {
    byte[] blob = random(20 * 1024 * 1024, 2);
    int[] sizes = {1, 3 * 1024 * 1024 + 7, 7 * 1024 * 1024, 5 * 1024 * 1024, 123_457};
    String location = h.send("POST", UPLOADS, null).header("Location");
    int at = 0;
    for (int size : sizes) {
      Reply r = h.send("PATCH", location, Arrays.copyOfRange(blob, at, at + size),
          "Content-Range", at + "-" + (at + size - 1));
      assertThat(r.status()).isEqualTo(202);
      assertThat(r.header("Range")).isEqualTo("0-" + (at + size - 1));
      location = r.header("Location");
      at += size;
    }
    Reply status = h.send("GET", location, null);
    assertThat(status.status()).isEqualTo(204);
    assertThat(status.header("Range")).isEqualTo("0-" + (at - 1));

    Reply done = h.send("PUT", location + "?digest=" + sha256(blob),
        Arrays.copyOfRange(blob, at, blob.length), "Content-Range", at + "-" + (blob.length - 1));

    assertThat(done.status()).isEqualTo(201);
    assertThat(done.header("Docker-Content-Digest")).isEqualTo(sha256(blob));
    assertThat(h.send("GET", done.header("Location"), null).body()).isEqualTo(blob);
    assertThat(h.memory.openMultipartUploads()).isZero();
  }

  @Test
  void patch_whenStreamedWithoutRangeOrLength_appendsAll() {
    byte[] blob = random(6 * 1024 * 1024 + 5, 3);
    String location = h.send("POST", UPLOADS, null).header("Location");

    Reply r = h.send("PATCH", location, new ByteArrayInputStream(blob), -1);
    Reply done = h.send("PUT", location + "?digest=" + sha256(blob), null);

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Range")).isEqualTo("0-" + (blob.length - 1));
    assertThat(done.status()).isEqualTo(201);
    assertThat(h.send("GET", done.header("Location"), null).body()).isEqualTo(blob);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10-19", "1-1", "bogus", "9-0"})
  void patch_whenFirstChunkOutOfOrderOrMalformed_416(String range) {
    String location = h.send("POST", UPLOADS, null).header("Location");

    Reply r = h.send("PATCH", location, new byte[10], "Content-Range", range);

    assertThat(r.status()).isEqualTo(416);
    assertThat(r.header("Location")).isEqualTo(location);
    assertThat(r.header("Range")).isNull();
  }

  @Test
  void patch_whenChunkRepeated_416WithCurrentRange() {
    String location = h.send("POST", UPLOADS, null).header("Location");
    h.send("PATCH", location, new byte[10], "Content-Range", "0-9");

    Reply r = h.send("PATCH", location, new byte[10], "Content-Range", "0-9");

    assertThat(r.status()).isEqualTo(416);
    assertThat(r.header("Range")).isEqualTo("0-9");
    assertThat(h.send("GET", location, null).header("Range")).isEqualTo("0-9");
  }

  @Test
  void patch_whenContentLengthDisagreesWithRange_400SizeInvalid() {
    String location = h.send("POST", UPLOADS, null).header("Location");

    Reply r = h.send("PATCH", location, new byte[10], "Content-Range", "0-19");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("SIZE_INVALID");
  }

  @Test
  void put_whenDigestMissing_400DigestInvalid() {
    String location = h.send("POST", UPLOADS, null).header("Location");

    Reply r = h.send("PUT", location, new byte[3]);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("DIGEST_INVALID");
  }

  @Test
  void put_whenDigestMismatch_400AndSessionGone() {
    String location = h.send("POST", UPLOADS, null).header("Location");
    h.send("PATCH", location, new byte[10]);

    Reply r = h.send("PUT", location + "?digest=" + sha256(new byte[11]), null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("DIGEST_INVALID");
    assertThat(h.send("GET", location, null).status()).isEqualTo(404);
  }

  @Test
  void put_whenPostThenMonolithicPut_201() {
    byte[] blob = random(100, 4);
    String location = h.send("POST", UPLOADS, null).header("Location");

    Reply r = h.send("PUT", location + "?digest=" + sha256(blob), blob);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo("/v2/team/app/blobs/" + sha256(blob));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PATCH", "PUT", "GET", "DELETE"})
  void session_whenUnknown_404BlobUploadUnknown(String method) {
    String target = UPLOADS + UUID.randomUUID() + (method.equals("PUT") ? "?digest="
        + sha256(new byte[0]) : "");

    Reply r = h.send(method, target, null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).contains("BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void session_whenUsedFromAnotherRepository_404BlobUploadUnknown() {
    String id = h.send("POST", UPLOADS, null).header("Docker-Upload-UUID");

    Reply r = h.send("GET", "/v2/other/blobs/uploads/" + id, null);

    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  void delete_whenSessionActive_204ThenUnknown() {
    String location = h.send("POST", UPLOADS, null).header("Location");
    h.send("PATCH", location, random(6 * 1024 * 1024, 5));

    Reply r = h.send("DELETE", location, null);

    assertThat(r.status()).isEqualTo(204);
    assertThat(h.send("GET", location, null).status()).isEqualTo(404);
    assertThat(h.memory.openMultipartUploads()).isZero();
  }

  @Test
  void status_whenEmptySession_204WithoutRange() {
    String location = h.send("POST", UPLOADS, null).header("Location");

    Reply r = h.send("GET", location, null);

    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("Location")).isEqualTo(location);
    assertThat(r.header("Docker-Upload-UUID")).isNotBlank();
    assertThat(r.header("Range")).isNull();
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + Hex.encode(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
