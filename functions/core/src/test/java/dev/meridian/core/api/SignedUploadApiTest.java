package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.fakes.ReplicaSetFixture;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.oci.Digest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Region-sticky upload sessions (Azure/acr#588): absolute, signed Locations. */
class SignedUploadApiTest {
  final ReplicaSetFixture regions = new ReplicaSetFixture(3);

  @Test
  void startUpload_whenEndpointKnown_locationIsThisRegionsAbsoluteSignedUrl() {
    String location = start("aa");

    assertThat(location).startsWith("http://eastus.registry.test/v2/library/app/blobs/uploads/")
        .contains("?region=aa&sig=");
  }

  @Test
  void startUpload_whenNoSigningKey_locationIsAbsoluteWithoutQuery() {
    ReplicaSetFixture unsigned = new ReplicaSetFixture(2, null);

    String location = unsigned.send("ab", "POST", "/v2/library/app/blobs/uploads/", null, null)
        .headers().first("Location");

    assertThat(location).startsWith("http://westeurope.registry.test/v2/library/app/blobs/uploads/")
        .doesNotContain("?");
  }

  @Test
  void patchThenPut_whenFollowingEachLocation_createsTheBlobInTheOwningRegion() {
    byte[] first = "hello ".getBytes(StandardCharsets.UTF_8);
    byte[] second = "world".getBytes(StandardCharsets.UTF_8);
    Digest digest = TestManifests.digestOf("hello world");

    HttpResponse patched = regions.sendTo(start("ac"), "PATCH", "application/octet-stream",
        first);
    assertThat(patched.status()).isEqualTo(202);
    String next = patched.headers().first("Location");
    assertThat(next).startsWith("http://canadacentral.registry.test/").contains("sig=");
    HttpResponse put = regions.sendTo(next + "&digest=" + digest, "PUT",
        "application/octet-stream", second);

    assertThat(put.status()).isEqualTo(201);
    assertThat(regions.get("ac", "/v2/library/app/blobs/" + digest).status()).isEqualTo(200);
  }

  @Test
  void patchUpload_whenSignatureTampered_isBlobUploadUnknown() {
    String location = start("aa");
    String tampered = location.substring(0, location.length() - 2)
        + (location.endsWith("AA") ? "BB" : "AA");

    HttpResponse r = regions.sendTo(tampered, "PATCH", "application/octet-stream", new byte[3]);

    assertThat(r.status()).isEqualTo(404);
    assertThat(ReplicaSetFixture.text(r)).contains("BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void patchUpload_whenRegionClaimChangedWithoutResigning_isBlobUploadUnknown() {
    String location = start("aa").replace("region=aa", "region=ab");

    HttpResponse r = regions.sendTo(location, "GET", null, null);

    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  void uploadRequest_whenPeersSessionArrivesHere_redirects307ToTheOwningRegion() {
    URI location = URI.create(start("aa"));
    String pathAndQuery = location.getRawPath() + "?" + location.getRawQuery();

    HttpResponse r = regions.send("ab", "PATCH", pathAndQuery, "application/octet-stream",
        new byte[4]);

    assertThat(r.status()).isEqualTo(307);
    assertThat(r.headers().first("Location")).isEqualTo(location.toString());
    assertThat(regions.sendTo(r.headers().first("Location"), "GET", null, null).status())
        .isEqualTo(204);
  }

  @Test
  void uploadStatus_whenRequestCarriesNoSignature_isServedByTheOwningRegion() {
    String path = URI.create(start("aa")).getRawPath();

    assertThat(regions.send("aa", "GET", path, null, null).status()).isEqualTo(204);
    assertThat(regions.send("ab", "GET", path, null, null).status()).isEqualTo(404);
  }

  private String start(String seed) {
    HttpResponse r = regions.send(seed, "POST", "/v2/library/app/blobs/uploads/", null, null);
    assertThat(r.status()).isEqualTo(202);
    return r.headers().first("Location");
  }
}
