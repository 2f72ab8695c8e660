package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestTestRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code /healthz}: the liveness endpoint that Route 53 health checks and load balancers poll,
 * answered without credentials by a registry whose every other endpoint needs them.
 */
class HealthEndpointTest {
  private final AuthTestRegistry auth = new AuthTestRegistry();

  @Test
  void healthz_withoutCredentials_is200() {
    HttpResponse get = auth.send("GET", "/healthz", null);
    HttpResponse head = auth.send("HEAD", "/healthz", null);

    assertThat(get.status()).isEqualTo(200);
    assertThat(new String(ManifestTestRegistry.bytes(get), StandardCharsets.UTF_8))
        .isEqualTo("{\"status\":\"ok\"}");
    assertThat(head.status()).isEqualTo(200);
    assertThat(auth.send("GET", "/v2/", null).status()).isEqualTo(401);
  }

  @Test
  void healthz_otherMethods_are405() {
    assertThat(auth.send("POST", "/healthz", null).status()).isEqualTo(405);
    assertThat(auth.send("DELETE", "/healthz", null).status()).isEqualTo(405);
  }
}
