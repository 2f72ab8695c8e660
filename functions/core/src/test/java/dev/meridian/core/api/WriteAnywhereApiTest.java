package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.fakes.ReplicaSetFixture;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blobs uploaded to region A, the manifest PUT to region B, before replication. */
class WriteAnywhereApiTest {
  static final RepositoryName REPO = RepositoryName.parse("library/app");
  final ReplicaSetFixture regions = new ReplicaSetFixture(3);

  @Test
  void putManifest_whenBlobsWereUploadedToAnotherRegion_isCreatedAndServesEveryBlob() {
    Digest config = regions.upload("aa", "library/app", "{\"config\":1}");
    Digest layer = regions.upload("aa", "library/app", "layer bytes");
    String manifest = TestManifests.oci(config, "", layer);

    HttpResponse put = putManifest("ab", "v1", manifest);

    assertThat(put.status()).isEqualTo(201);
    for (Digest blob : List.of(config, layer)) {
      HttpResponse get = regions.get("ab", "/v2/library/app/blobs/" + blob);
      assertThat(get.status()).isEqualTo(200);
      assertThat(ReplicaSetFixture.bytes(get)).isEqualTo(
          ReplicaSetFixture.bytes(regions.get("aa", "/v2/library/app/blobs/" + blob)));
      assertThat(regions.node("ab").index().linkedBlobSize(REPO, blob)).isPresent();
    }
    assertThat(regions.get("ab", "/v2/library/app/manifests/v1").status()).isEqualTo(200);
  }

  @Test
  void putManifest_whenWrittenAnywhereThenReplicated_everyRegionServesTheImage() {
    Digest config = regions.upload("aa", "library/app", "{\"config\":2}");
    Digest layer = regions.upload("ac", "library/app", "layer from C");
    String manifest = TestManifests.oci(config, "", layer);
    assertThat(putManifest("ab", "v1", manifest).status()).isEqualTo(201);

    regions.replicateAll();

    for (String seed : List.of("aa", "ab", "ac")) {
      HttpResponse get = regions.get(seed, "/v2/library/app/manifests/v1");
      assertThat(get.status()).as(seed).isEqualTo(200);
      assertThat(ReplicaSetFixture.text(get)).isEqualTo(manifest);
      for (Digest blob : List.of(config, layer)) {
        assertThat(regions.get(seed, "/v2/library/app/blobs/" + blob).status()).as(seed)
            .isEqualTo(200);
      }
    }
  }

  @Test
  void putManifest_whenNoRegionHasTheBlob_isManifestBlobUnknown() {
    Digest config = regions.upload("aa", "library/app", "{\"config\":3}");
    Digest missing = TestManifests.fakeDigest('e');

    HttpResponse put = putManifest("ab", "v1", TestManifests.oci(config, "", missing));

    assertThat(put.status()).isEqualTo(400);
    assertThat(ReplicaSetFixture.text(put)).contains("MANIFEST_BLOB_UNKNOWN")
        .contains(missing.toString());
  }

  @Test
  void putManifest_whenPeerLinksBlobOnlyInAnotherRepository_isManifestBlobUnknown() {
    Digest config = regions.upload("aa", "library/other", "{\"config\":4}");

    HttpResponse put = putManifest("ab", "v1", TestManifests.oci(config, ""));

    assertThat(put.status()).isEqualTo(400);
    assertThat(ReplicaSetFixture.text(put)).contains("MANIFEST_BLOB_UNKNOWN");
    assertThat(regions.node("ab").index().linkedBlobSize(REPO, config)).isEmpty();
  }

  private HttpResponse putManifest(String seed, String tag, String manifest) {
    return regions.send(seed, "PUT", "/v2/library/app/manifests/" + tag, MediaTypes.OCI_MANIFEST,
        manifest.getBytes(StandardCharsets.UTF_8));
  }
}
