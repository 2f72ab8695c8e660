package dev.meridian.core.api;

import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import org.junit.jupiter.api.Test;

/** end-12a/b and the OCI-Subject header of end-7. */
class ReferrerApiTest {
  private final ManifestTestRegistry registry = new ManifestTestRegistry();
  private final Digest empty = registry.seedBlob("app", "{}");
  private final String image = TestManifests.oci(empty, "", registry.seedBlob("app", "layer"));
  private final Digest subject = TestManifests.digestOf(image);

  private Digest pushReferrer(String artifactType, String annotations) {
    String extra = (artifactType == null ? "" : "\"artifactType\":\"" + artifactType + "\",")
        + "\"subject\":" + TestManifests.descriptor(MediaTypes.OCI_MANIFEST, subject, image.length())
        + annotations;
    String manifest = TestManifests.oci(empty, extra);
    HttpResponse r = registry.put("/v2/app/manifests/" + TestManifests.digestOf(manifest),
        MediaTypes.OCI_MANIFEST, manifest);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers().first("OCI-Subject")).isEqualTo(subject.toString());
    return TestManifests.digestOf(manifest);
  }

  @Test
  void put_withSubjectThatDoesNotExist_201WithOciSubject() {
    pushReferrer("application/vnd.example.sig", "");
    assertThat(registry.get("/v2/app/manifests/" + subject).status()).isEqualTo(404);
  }

  @Test
  void referrers_listsDescriptorsWithArtifactTypeAndAnnotations() {
    registry.put("/v2/app/manifests/v1", MediaTypes.OCI_MANIFEST, image);
    Digest sbom = pushReferrer("application/vnd.example.sbom", ",\"annotations\":{\"k\":\"v\"}");
    Digest noType = pushReferrer(null, "");
    HttpResponse r = registry.get("/v2/app/referrers/" + subject);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().first("Content-Type")).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(r.headers().contains("OCI-Filters-Applied")).isFalse();
    String body = text(r);
    assertThat(body).startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"");
    assertThat(body).contains("\"digest\":\"" + sbom + "\"", "\"artifactType\":\"application/vnd.example.sbom\"",
        "\"annotations\":{\"k\":\"v\"}", "\"digest\":\"" + noType + "\"",
        "\"artifactType\":\"" + MediaTypes.OCI_CONFIG + "\"");
  }

  @Test
  void referrers_withArtifactTypeFilter_onlyMatchingAndFiltersAppliedHeader() {
    Digest sbom = pushReferrer("application/vnd.example.sbom", "");
    Digest sig = pushReferrer("application/vnd.example.sig", "");
    HttpResponse r = registry.get("/v2/app/referrers/" + subject + "?artifactType=application/vnd.example.sig");
    assertThat(r.headers().first("OCI-Filters-Applied")).isEqualTo("artifactType");
    assertThat(text(r)).contains(sig.toString()).doesNotContain(sbom.toString());
  }

  @Test
  void referrers_unknownSubjectOrRepository_200EmptyIndex() {
    for (String path : new String[] {"/v2/app/referrers/" + TestManifests.fakeDigest('f'),
        "/v2/nobody/here/referrers/" + subject}) {
      HttpResponse r = registry.get(path);
      assertThat(r.status()).isEqualTo(200);
      assertThat(text(r)).contains("\"manifests\":[]");
    }
  }

  @Test
  void referrers_invalidDigest_400DigestInvalid() {
    HttpResponse r = registry.get("/v2/app/referrers/sha256:nothex");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("DIGEST_INVALID");
  }

  @Test
  void deleteReferrer_removesItFromTheList() {
    Digest sig = pushReferrer("application/vnd.example.sig", "");
    assertThat(registry.delete("/v2/app/manifests/" + sig).status()).isEqualTo(202);
    assertThat(text(registry.get("/v2/app/referrers/" + subject))).contains("\"manifests\":[]");
  }
}
