package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token realm in a challenge: from the region's configured public URL
 * when set, whatever Host the client sent; otherwise from a Host that is a plain host[:port].
 */
class TokenRealmTest {
  private final AuthTestRegistry auth = new AuthTestRegistry();

  private AccessGate gate(URI publicEndpoint) {
    return new AccessGate(auth.credentials, auth.tokens, RateLimiter.unlimited(),
        SignInThrottle.unlimited(), publicEndpoint);
  }

  private static HttpRequest withHost(String host) {
    return new HttpRequest("GET", "/v2/", "", new HttpHeaders(), null, 0, host, "http");
  }

  private static String realm(RegistryException e) {
    return e.headers().get("WWW-Authenticate");
  }

  @Test
  void challenge_whenPublicUrlIsSet_ignoresTheHostHeader() {
    AccessGate gate = gate(URI.create("https://eastus.registry.example/"));

    RegistryException e = gate.challenge(withHost("evil.example"), null, false, "x");

    assertThat(realm(e)).startsWith(
        "Bearer realm=\"https://eastus.registry.example/meridian/v1/token\"")
        .doesNotContain("evil");
  }

  @ParameterizedTest
  @ValueSource(strings = {"registry.test", "127.0.0.1:5001", "[::1]:5001", "localhost"})
  void challenge_whenNoPublicUrl_usesAPlainHost(String host) {
    RegistryException e = gate(null).challenge(withHost(host), null, false, "x");

    assertThat(realm(e)).startsWith("Bearer realm=\"http://" + host + "/meridian/v1/token\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil\",realm=\"http://x", "a b", "host/path", "host:port", "a@b", ""})
  void challenge_whenNoPublicUrlAndHostIsNotPlain_isA400(String host) {
    assertThatThrownBy(() -> gate(null).challenge(withHost(host), null, false, "x"))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.status()).isEqualTo(400));
  }
}
