package dev.meridian.core.auth;

import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Request rate limits per account and per address, and failed sign-in throttling. */
class RateLimitTest {

  @Test
  void overTheRateIs429WithRetryAfterAndRecovers() {
    AuthTestRegistry limited = new AuthTestRegistry(1, 3);
    String reader = AuthTestRegistry.basic("reader", AuthTestRegistry.PASSWORD);
    for (int i = 0; i < 3; i++) {
      assertThat(limited.send("GET", "/v2/", reader).status()).isEqualTo(200);
    }
    HttpResponse refused = limited.send("GET", "/v2/", reader);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(text(refused)).contains("TOOMANYREQUESTS");
    assertThat(refused.headers().first("Retry-After")).isEqualTo("1");
    assertThat(limited.send("GET", "/v2/", AuthTestRegistry.basic("pusher",
        AuthTestRegistry.PASSWORD)).status()).as("another account has its own bucket")
        .isEqualTo(200);
    limited.clock.advance(Duration.ofSeconds(1));
    assertThat(limited.send("GET", "/v2/", reader).status()).isEqualTo(200);
  }

  @Test
  void anonymousCallersAreLimitedByAddress() {
    AuthTestRegistry limited = new AuthTestRegistry(1, 2);
    assertThat(anonymous(limited, "10.0.0.1").status()).isEqualTo(401);
    assertThat(anonymous(limited, "10.0.0.1").status()).isEqualTo(401);
    assertThat(anonymous(limited, "10.0.0.1").status()).isEqualTo(429);
    assertThat(anonymous(limited, "10.0.0.2").status()).isEqualTo(401);
  }

  @Test
  void repeatedWrongPasswordsAreThrottledEvenWithTheRightOneAfterwards() {
    AuthTestRegistry auth = new AuthTestRegistry(); // 3 failures, then one per 10 s
    for (int i = 0; i < 3; i++) {
      assertThat(auth.send("GET", "/v2/", AuthTestRegistry.basic("reader", "guess-" + i))
          .status()).isEqualTo(401);
    }
    HttpResponse throttled = auth.send("GET", "/v2/",
        AuthTestRegistry.basic("reader", AuthTestRegistry.PASSWORD));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.headers().first("Retry-After"))).isPositive();
    auth.clock.advance(Duration.ofSeconds(10));
    assertThat(auth.send("GET", "/v2/", AuthTestRegistry.basic("reader",
        AuthTestRegistry.PASSWORD)).status()).isEqualTo(200);
  }

  private static HttpResponse anonymous(AuthTestRegistry auth, String address) {
    return auth.registry.send("GET", "/v2/", null, null, AccessGate.CLIENT_ADDRESS, address);
  }
}
