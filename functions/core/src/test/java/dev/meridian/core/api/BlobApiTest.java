package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.blob.BlobApiHarness.Reply;
import dev.meridian.core.blob.BlobApiHarness;
import dev.meridian.core.blob.PresigningObjectStore;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Hex;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET, HEAD and DELETE of {@code /v2/<name>/blobs/<digest>} through the HTTP API. */
class BlobApiTest {

  private final byte[] bytes = new byte[1000];
  private BlobApiHarness h;
  private String digest;
  private String url;

  @BeforeEach
  void pushBlob() throws Exception {
    new Random(1).nextBytes(bytes);
    digest = "sha256:" + Hex.encode(MessageDigest.getInstance("SHA-256").digest(bytes));
    h = new BlobApiHarness(BlobDelivery.STREAM);
    assertThat(h.push("team/app", bytes).status()).isEqualTo(201);
    url = "/v2/team/app/blobs/" + digest;
  }

  @Test
  void head_whenLinked_200WithHeadersAndNoBody() {
    Reply r = h.send("HEAD", url, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(r.header("Content-Length")).isEqualTo("1000");
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(digest);
    assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
  }

  @Test
  void get_whenStreaming_200WithExactBytes() {
    Reply r = h.send("GET", url, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(bytes);
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(digest);
  }

  @Test
  void getAndHead_whenLinkedOnlyInAnotherRepository_404BlobUnknown() {
    Reply get = h.send("GET", "/v2/other/blobs/" + digest, null);
    Reply head = h.send("HEAD", "/v2/other/blobs/" + digest, null);

    assertThat(get.status()).isEqualTo(404);
    assertThat(get.text()).contains("BLOB_UNKNOWN");
    assertThat(head.status()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void get_whenRange_206WithContentRange() {
    Reply r = h.send("GET", url, null, "Range", "bytes=10-19");

    assertThat(r.status()).isEqualTo(206);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(bytes, 10, 20));
    assertThat(r.header("Content-Range")).isEqualTo("bytes 10-19/1000");
  }

  @Test
  void get_whenSuffixRange_206WithLastBytes() {
    Reply r = h.send("GET", url, null, "Range", "bytes=-100");

    assertThat(r.status()).isEqualTo(206);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(bytes, 900, 1000));
    assertThat(r.header("Content-Range")).isEqualTo("bytes 900-999/1000");
  }

  @Test
  void get_whenRangeBeyondEnd_416WithSize() {
    Reply r = h.send("GET", url, null, "Range", "bytes=1000-");

    assertThat(r.status()).isEqualTo(416);
    assertThat(r.header("Content-Range")).isEqualTo("bytes */1000");
  }

  @Test
  void get_whenRangeMalformed_ignoredAnd200() {
    Reply r = h.send("GET", url, null, "Range", "bytes=20-10");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(bytes);
  }

  @Test
  void get_whenRedirectAndStoreCanPresign_307ToObjectUrl() {
    BlobApiHarness redirecting = new BlobApiHarness(BlobDelivery.REDIRECT,
        new PresigningObjectStore(new dev.meridian.core.fakes.InMemoryObjectStore()));
    redirecting.push("team/app", bytes);

    Reply r = redirecting.send("GET", url, null);

    assertThat(r.status()).isEqualTo(307);
    assertThat(r.header("Location"))
        .startsWith("https://bucket.example/blobs/sha256/" + digest.substring(7));
    assertThat(r.header("Docker-Content-Digest")).isEqualTo(digest);
  }

  @Test
  void get_whenRedirectButStoreCannotPresign_streams() {
    BlobApiHarness redirecting = new BlobApiHarness(BlobDelivery.REDIRECT);
    redirecting.push("team/app", bytes);

    Reply r = redirecting.send("GET", url, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(bytes);
  }

  @Test
  void delete_whenLinked_202ThenUnknownHereButKeptElsewhere() {
    h.push("other", bytes);

    Reply deleted = h.send("DELETE", url, null);
    Reply again = h.send("DELETE", url, null);

    assertThat(deleted.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.text()).contains("BLOB_UNKNOWN");
    assertThat(h.send("GET", url, null).status()).isEqualTo(404);
    assertThat(h.send("GET", "/v2/other/blobs/" + digest, null).body()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v2/../etc/blobs/", "/v2/team/../../blobs/", "/v2/%2e%2e/blobs/",
      "/v2/team/%2E%2E/app/blobs/", "/v2/./app/blobs/", "/v2/Team/blobs/"})
  void get_whenNameTraverses_400NameInvalid(String prefix) {
    Reply r = h.send("GET", prefix + digest, null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("NAME_INVALID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v2/../etc/blobs/uploads/", "/v2/%2e%2e/blobs/uploads/"})
  void post_whenNameTraverses_400NameInvalid(String path) {
    Reply r = h.send("POST", path, null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("NAME_INVALID");
  }

  @Test
  void get_whenDigestMalformed_400DigestInvalid() {
    Reply r = h.send("GET", "/v2/team/app/blobs/sha256:xyz", null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("DIGEST_INVALID");
  }

  @Test
  void get_whenSha512Blob_served() throws Exception {
    byte[] small = {1, 2, 3};
    String sha512 = "sha512:" + Hex.encode(MessageDigest.getInstance("SHA-512").digest(small));
    Reply pushed = h.send("POST", "/v2/team/app/blobs/uploads/?digest=" + sha512, small);

    assertThat(pushed.status()).isEqualTo(201);
    assertThat(h.send("GET", "/v2/team/app/blobs/" + sha512, null).body()).isEqualTo(small);
    assertThat(Digest.parse(sha512).algorithm()).isEqualTo("sha512");
  }
}
