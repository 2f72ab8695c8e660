package dev.meridian.core.api;

import static dev.meridian.core.manifest.ManifestTestRegistry.bytes;
import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.StorageLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** end-3, end-7, end-9 through the HTTP edge, with in-memory ports. */
class ManifestApiTest {
  private static final String REPO = "team/app";
  private final ManifestTestRegistry registry = new ManifestTestRegistry();
  private final Digest config = registry.seedBlob(REPO, "{}");
  private final Digest layer = registry.seedBlob(REPO, "layer-1");

  private String image() {
    return TestManifests.oci(config, "", layer);
  }

  private static String errorCode(HttpResponse r) {
    return text(r).replaceAll(".*\"code\":\"([A-Z_]+)\".*", "$1");
  }

  @Test
  void put_byTag_201WithLocationAndDigest() {
    String manifest = image();
    Digest digest = TestManifests.digestOf(manifest);
    HttpResponse r = registry.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST, manifest);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers().first("Location")).isEqualTo("/v2/team/app/manifests/" + digest);
    assertThat(r.headers().first("Docker-Content-Digest")).isEqualTo(digest.toString());
    assertThat(r.headers().contains("OCI-Subject")).isFalse();
    assertThat(registry.objects.head(StorageLayout.manifest(RepositoryName.parse(REPO), digest)))
        .get().extracting(i -> i.contentType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(registry.objects.list(StorageLayout.tagRecordPrefix(RepositoryName.parse(REPO), "v1"), null, 10))
        .hasSize(1);
  }

  @Test
  void getAndHead_byTagAndDigest_returnExactBytesAndHeaders() {
    // odd whitespace and key order must survive byte-exact
    String manifest = "{\n  \"mediaType\" : \"" + MediaTypes.OCI_MANIFEST + "\",\"schemaVersion\":2,"
        + "\"layers\":[ " + TestManifests.descriptor(MediaTypes.OCI_LAYER_TAR_GZIP, layer, 7)
        + " ],\t\"config\":" + TestManifests.descriptor(MediaTypes.OCI_CONFIG, config, 2) + "}\n";
    Digest digest = TestManifests.digestOf(manifest);
    registry.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST, manifest);

    for (String ref : new String[] {"v1", digest.toString()}) {
      HttpResponse get = registry.get("/v2/team/app/manifests/" + ref);
      assertThat(get.status()).isEqualTo(200);
      assertThat(bytes(get)).isEqualTo(manifest.getBytes(StandardCharsets.UTF_8));
      assertThat(get.headers().first("Content-Type")).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(get.headers().first("Docker-Content-Digest")).isEqualTo(digest.toString());
      HttpResponse head = registry.head("/v2/team/app/manifests/" + ref);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers().first("Content-Length"))
          .isEqualTo(Integer.toString(manifest.getBytes(StandardCharsets.UTF_8).length));
      assertThat(bytes(head)).isEmpty();
    }
  }

  @Test
  void put_byDigest_201AndNoTag() {
    String manifest = image();
    Digest digest = TestManifests.digestOf(manifest);
    HttpResponse r = registry.put("/v2/team/app/manifests/" + digest, MediaTypes.OCI_MANIFEST, manifest);
    assertThat(r.status()).isEqualTo(201);
    assertThat(registry.get("/v2/team/app/manifests/" + digest).status()).isEqualTo(200);
    assertThat(text(registry.get("/v2/team/app/tags/list"))).contains("\"tags\":[]");
  }

  @Test
  void put_byDigestThatDoesNotMatch_400DigestInvalid() {
    HttpResponse r = registry.put("/v2/team/app/manifests/" + TestManifests.fakeDigest('9'),
        MediaTypes.OCI_MANIFEST, image());
    assertThat(r.status()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
  }

  @Test
  void put_bySha512Digest_verifiesWithSha512() throws Exception {
    String manifest = image();
    byte[] hash = java.security.MessageDigest.getInstance("SHA-512")
        .digest(manifest.getBytes(StandardCharsets.UTF_8));
    String d = "sha512:" + dev.meridian.core.oci.Hex.encode(hash);
    HttpResponse r = registry.put("/v2/team/app/manifests/" + d, MediaTypes.OCI_MANIFEST, manifest);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers().first("Docker-Content-Digest")).isEqualTo(d);
    assertThat(registry.get("/v2/team/app/manifests/" + d).status()).isEqualTo(200);
  }

  @Test
  void put_whenBlobNotLinkedInRepository_400ManifestBlobUnknownWithDigest() {
    Digest elsewhere = registry.seedBlob("other/repo", "not here");
    HttpResponse r = registry.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST,
        TestManifests.oci(config, "", layer, elsewhere));
    assertThat(r.status()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    assertThat(text(r)).contains("\"detail\":{\"digest\":\"" + elsewhere + "\"}");
    assertThat(registry.get("/v2/team/app/manifests/v1").status()).isEqualTo(404);
  }

  @Test
  void put_indexWithUnknownChild_400ManifestBlobUnknown_andWithKnownChildren_201() {
    String child = image();
    Digest childDigest = TestManifests.digestOf(child);
    String index = TestManifests.index(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, childDigest);
    HttpResponse missing = registry.put("/v2/team/app/manifests/multi", MediaTypes.OCI_INDEX, index);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(errorCode(missing)).isEqualTo("MANIFEST_BLOB_UNKNOWN");

    registry.put("/v2/team/app/manifests/" + childDigest, MediaTypes.OCI_MANIFEST, child);
    HttpResponse ok = registry.put("/v2/team/app/manifests/multi", MediaTypes.OCI_INDEX, index);
    assertThat(ok.status()).isEqualTo(201);
    assertThat(registry.get("/v2/team/app/manifests/multi").headers().first("Content-Type"))
        .isEqualTo(MediaTypes.OCI_INDEX);
  }

  @Test
  void put_dockerManifestAndList_roundTrip() {
    String manifest = TestManifests.docker(config, layer);
    Digest digest = TestManifests.digestOf(manifest);
    assertThat(registry.put("/v2/team/app/manifests/" + digest, MediaTypes.DOCKER_MANIFEST, manifest)
        .status()).isEqualTo(201);
    String list = TestManifests.index(MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST, digest);
    assertThat(registry.put("/v2/team/app/manifests/latest", MediaTypes.DOCKER_MANIFEST_LIST, list)
        .status()).isEqualTo(201);
    HttpResponse get = registry.get("/v2/team/app/manifests/latest",
        "Accept", MediaTypes.DOCKER_MANIFEST + ", " + MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(get.status()).isEqualTo(200);
    assertThat(text(get)).isEqualTo(list);
  }

  @Test
  void put_malformedOrMismatched_400ManifestInvalid() {
    assertThat(errorCode(registry.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST, "nope")))
        .isEqualTo("MANIFEST_INVALID");
    HttpResponse mismatch = registry.put("/v2/team/app/manifests/v1", MediaTypes.DOCKER_MANIFEST, image());
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(errorCode(mismatch)).isEqualTo("MANIFEST_INVALID");
  }

  @Test
  void put_invalidTag_400ManifestInvalid() {
    HttpResponse r = registry.put("/v2/team/app/manifests/.bad", MediaTypes.OCI_MANIFEST, image());
    assertThat(r.status()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_INVALID");
  }

  @Test
  void put_overLimit_413() {
    ManifestTestRegistry small = new ManifestTestRegistry(
        RegistrySettings.defaults("meridian", "eastus", new Seed("aa")).withMaxManifestBytes(64));
    HttpResponse r = small.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST, image());
    assertThat(r.status()).isEqualTo(413);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_INVALID");
  }

  @Test
  void get_unknownTagDigestOrInvalidTag_404ManifestUnknown() {
    assertThat(errorCode(registry.get("/v2/team/app/manifests/nope"))).isEqualTo("MANIFEST_UNKNOWN");
    HttpResponse byDigest = registry.get("/v2/team/app/manifests/" + TestManifests.fakeDigest('e'));
    assertThat(byDigest.status()).isEqualTo(404);
    assertThat(errorCode(byDigest)).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(registry.get("/v2/team/app/manifests/-bad").status()).isEqualTo(404);
    assertThat(registry.head("/v2/team/app/manifests/nope").status()).isEqualTo(404);
  }

  @Test
  void get_malformedDigest_400DigestInvalid() {
    HttpResponse r = registry.get("/v2/team/app/manifests/sha256:xyz");
    assertThat(r.status()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
  }

  @Test
  void get_manifestOfAnotherRepository_404() {
    String manifest = image();
    registry.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST, manifest);
    assertThat(registry.get("/v2/other/app/manifests/" + TestManifests.digestOf(manifest)).status())
        .isEqualTo(404);
  }

  @Test
  void get_whenAcceptExcludesStoredType_404_andWildcardsOrNoAccept_200() {
    registry.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST, image());
    String path = "/v2/team/app/manifests/v1";
    assertThat(registry.get(path, "Accept", MediaTypes.DOCKER_MANIFEST).status()).isEqualTo(404);
    assertThat(registry.get(path, "Accept", "*/*").status()).isEqualTo(200);
    assertThat(registry.get(path).status()).isEqualTo(200);
    assertThat(registry.get(path, "Accept", MediaTypes.DOCKER_MANIFEST, "Accept",
        MediaTypes.OCI_MANIFEST).status()).isEqualTo(200);
  }

  @Test
  void delete_byTag_202AndTagGoneButDigestStays() {
    String manifest = image();
    Digest digest = TestManifests.digestOf(manifest);
    registry.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST, manifest);
    assertThat(registry.delete("/v2/team/app/manifests/v1").status()).isEqualTo(202);
    assertThat(registry.get("/v2/team/app/manifests/v1").status()).isEqualTo(404);
    assertThat(registry.get("/v2/team/app/manifests/" + digest).status()).isEqualTo(200);
    assertThat(registry.delete("/v2/team/app/manifests/v1").status()).isEqualTo(404);
    assertThat(registry.objects.list(StorageLayout.tagRecordPrefix(RepositoryName.parse(REPO), "v1"), null, 10))
        .hasSize(2);
  }

  @Test
  void delete_byDigest_202AndEveryTagPointingAtItDisappears() {
    String manifest = image();
    Digest digest = TestManifests.digestOf(manifest);
    registry.put("/v2/team/app/manifests/v1", MediaTypes.OCI_MANIFEST, manifest);
    registry.put("/v2/team/app/manifests/stable", MediaTypes.OCI_MANIFEST, manifest);
    assertThat(registry.get("/v2/team/app/manifests/v1").status()).isEqualTo(200); // warm caches
    assertThat(registry.get("/v2/team/app/manifests/" + digest).status()).isEqualTo(200);

    assertThat(registry.delete("/v2/team/app/manifests/" + digest).status()).isEqualTo(202);
    assertThat(registry.get("/v2/team/app/manifests/" + digest).status()).isEqualTo(404);
    assertThat(registry.get("/v2/team/app/manifests/v1").status()).isEqualTo(404);
    assertThat(registry.get("/v2/team/app/manifests/stable").status()).isEqualTo(404);
    assertThat(text(registry.get("/v2/team/app/tags/list"))).contains("\"tags\":[]");
    // the immutable bytes object stays for GC
    assertThat(registry.objects.head(StorageLayout.manifest(RepositoryName.parse(REPO), digest))).isPresent();
    assertThat(registry.delete("/v2/team/app/manifests/" + digest).status()).isEqualTo(404);
  }

  @Test
  void delete_unknown_404ManifestUnknown() {
    HttpResponse r = registry.delete("/v2/team/app/manifests/" + TestManifests.fakeDigest('d'));
    assertThat(r.status()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_UNKNOWN");
  }
}
