package dev.meridian.core.api;

import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestTestRegistry;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/_catalog} with n, last and Link. */
class CatalogApiTest {
  private final ManifestTestRegistry registry = new ManifestTestRegistry();

  @Test
  void catalog_listsRepositoriesAndPaginatesWithLink() {
    for (String repo : new String[] {"b/x", "a", "c", "a/y"}) {
      registry.seedBlob(repo, "content");
    }
    assertThat(text(registry.get("/v2/_catalog")))
        .isEqualTo("{\"repositories\":[\"a\",\"a/y\",\"b/x\",\"c\"]}");
    HttpResponse page = registry.get("/v2/_catalog?n=2");
    assertThat(text(page)).isEqualTo("{\"repositories\":[\"a\",\"a/y\"]}");
    assertThat(page.headers().first("Link")).isEqualTo("</v2/_catalog?n=2&last=a%2Fy>; rel=\"next\"");
    HttpResponse last = registry.get("/v2/_catalog?n=2&last=a%2Fy");
    assertThat(text(last)).isEqualTo("{\"repositories\":[\"b/x\",\"c\"]}");
    assertThat(last.headers().contains("Link")).isFalse();
  }

  @Test
  void catalog_whenEmptyOrNZero_emptyList() {
    assertThat(text(registry.get("/v2/_catalog"))).isEqualTo("{\"repositories\":[]}");
    registry.seedBlob("a", "x");
    HttpResponse zero = registry.get("/v2/_catalog?n=0");
    assertThat(text(zero)).isEqualTo("{\"repositories\":[]}");
    assertThat(zero.headers().contains("Link")).isFalse();
  }

  @Test
  void catalog_whenNInvalid_400() {
    assertThat(registry.get("/v2/_catalog?n=-3").status()).isEqualTo(400);
  }
}
