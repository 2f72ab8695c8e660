package dev.meridian.core.api;

import static dev.meridian.core.manifest.ManifestTestRegistry.bytes;
import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.oci.MediaTypes;
import org.junit.jupiter.api.Test;

/** RegistryHttpApi routing and error rendering, observed through the manifest routes. */
class RouterTest {
  private final ManifestTestRegistry registry = new ManifestTestRegistry();

  @Test
  void route_repositoryNameContainingEndpointWords_matchesTheLastSuffix() {
    String repo = "a/manifests/b";
    String manifest = TestManifests.oci(registry.seedBlob(repo, "{}"), "");
    assertThat(registry.put("/v2/" + repo + "/manifests/v1", MediaTypes.OCI_MANIFEST, manifest)
        .status()).isEqualTo(201);
    assertThat(text(registry.get("/v2/" + repo + "/tags/list"))).contains("\"name\":\"a/manifests/b\"");
  }

  @Test
  void route_versionCheck_200WithApiVersionHeader() {
    HttpResponse r = registry.get("/v2/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().first("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
  }

  @Test
  void route_unsupportedMethod_405Unsupported() {
    HttpResponse r = registry.send("POST", "/v2/app/manifests/v1", null, null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(text(r)).contains("UNSUPPORTED");
  }

  @Test
  void route_invalidName_400NameInvalid() {
    HttpResponse r = registry.get("/v2/Bad/manifests/v1");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("NAME_INVALID");
  }

  @Test
  void route_headError_hasStatusAndLengthButNoBody() {
    HttpResponse r = registry.head("/v2/app/manifests/missing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(bytes(r)).isEmpty();
    assertThat(Integer.parseInt(r.headers().first("Content-Length"))).isPositive();
  }
}
