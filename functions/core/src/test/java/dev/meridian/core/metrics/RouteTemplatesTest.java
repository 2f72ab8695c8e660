package dev.meridian.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paths to route templates: no repository, tag, digest or id reaches a metric label. */
class RouteTemplatesTest {
  @ParameterizedTest
  @CsvSource({
      "/v2/, /v2/",
      "/v2/_catalog, /v2/_catalog",
      "/readyz, /readyz",
      "/v2/a/blobs/b/blobs/sha256:abc, /v2/<name>/blobs/<digest>",
      "/v2/team/app/manifests/v1, /v2/<name>/manifests/<reference>",
      "/v2/team/app/blobs/uploads/, /v2/<name>/blobs/uploads/",
      "/v2/team/app/blobs/uploads/0f3a, /v2/<name>/blobs/uploads/<id>",
      "/v2/team/app/tags/list, /v2/<name>/tags/list",
      "/v2/team/app/referrers/sha256:abc, /v2/<name>/referrers/<digest>",
      "/meridian/v1/webhooks/hookone/ping, /meridian/v1/webhooks/...",
      "/meridian/v1/events, /meridian/v1/events",
      "/etc/passwd, other"})
  void of_mapsPathsToTheirTemplate(String path, String template) {
    assertThat(RouteTemplates.of(path)).isEqualTo(template);
  }

  /** A (decoded) line break in the name: still the endpoint it asked for, never the raw path. */
  @Test
  void of_whenTheNameHoldsControlCharacters_mapsToTheEndpointsTemplate() {
    assertThat(RouteTemplates.of("/v2/team/app\nforged\u0001/manifests/v1\r\n"))
        .isEqualTo("/v2/<name>/manifests/<reference>");
    assertThat(RouteTemplates.of("/v2/a\nb/blobs/sha256:0")).isEqualTo("/v2/<name>/blobs/<digest>");
  }
}
