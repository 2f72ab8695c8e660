package dev.meridian.core.api;

import static dev.meridian.core.api.UploadApiTest.random;
import static dev.meridian.core.api.UploadApiTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.blob.BlobApiHarness.Reply;
import dev.meridian.core.blob.BlobApiHarness;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import org.junit.jupiter.api.Test;

/**
 * A parameter read as one value and given twice is refused with 400: the
 * monolithic POST once verified only the first {@code digest} while a second one was ignored.
 */
class DuplicateQueryParameterApiTest {
  private static final String UPLOADS = "/v2/team/app/blobs/uploads/";
  private final BlobApiHarness h = new BlobApiHarness(BlobDelivery.STREAM);

  @Test
  void monolithicPost_whenDigestGivenTwice_400DigestInvalidAndNothingStored() {
    byte[] bytes = random(5000, 1);
    String right = sha256(bytes);
    String other = sha256(new byte[] {9});

    Reply r = h.send("POST", UPLOADS + "?digest=" + right + "&digest=" + other, bytes);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("DIGEST_INVALID").contains("more than once");
    assertThat(h.send("HEAD", "/v2/team/app/blobs/" + right, null).status()).isEqualTo(404);
  }

  @Test
  void monolithicPost_whenDigestGivenTwiceEncoded_400() {
    byte[] bytes = random(5000, 2);
    String right = sha256(bytes);

    Reply r = h.send("POST", UPLOADS + "?digest=" + right + "&%64igest=" + right, bytes);

    assertThat(r.status()).isEqualTo(400);
    assertThat(h.send("HEAD", "/v2/team/app/blobs/" + right, null).status()).isEqualTo(404);
  }

  @Test
  void tagList_whenPageSizeGivenTwice_400Unsupported() {
    Reply r = h.send("GET", "/v2/team/app/tags/list?n=1&n=1000", null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("UNSUPPORTED").contains("'n'");
  }
}
