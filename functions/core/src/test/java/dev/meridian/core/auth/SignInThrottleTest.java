package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords are throttled per (address, account), per account and per address, so that
 * ten wrong passwords from one address no longer lock out every account at it.
 * {@link AuthTestRegistry}: 3 failures per pair, then one per 10 s; ×5 per account, ×10 per
 * address.
 */
class SignInThrottleTest {
  private final AuthTestRegistry auth = new AuthTestRegistry();

  @Test
  void failuresForOneAccount_doNotLockOutOtherAccountsAtTheSameAddress() {
    failTimes("reader", "10.0.0.1", 3);
    assertThat(signIn("reader", AuthTestRegistry.PASSWORD, "10.0.0.1").status()).isEqualTo(429);

    assertThat(signIn("pusher", AuthTestRegistry.PASSWORD, "10.0.0.1").status()).isEqualTo(200);
  }

  @Test
  void failuresFromOneAddress_doNotLockTheAccountOutElsewhere() {
    failTimes("reader", "10.0.0.1", 3);

    assertThat(signIn("reader", AuthTestRegistry.PASSWORD, "10.0.0.2").status()).isEqualTo(200);
  }

  @Test
  void guessesSpreadOverAddresses_lockTheAccountEverywhere() {
    for (int a = 0; a < SignInThrottle.ACCOUNT_FACTOR; a++) {
      failTimes("reader", "10.0.1." + a, 3);
    }

    assertThat(signIn("reader", AuthTestRegistry.PASSWORD, "10.0.2.1").status()).isEqualTo(429);
    assertThat(signIn("pusher", AuthTestRegistry.PASSWORD, "10.0.2.1").status()).isEqualTo(200);
  }

  @Test
  void sprayingManyNamesFromOneAddress_locksThatAddress() {
    for (int n = 0; n < SignInThrottle.ADDRESS_FACTOR; n++) {
      failTimes("user" + n, "10.0.0.9", 3);
    }

    assertThat(signIn("reader", AuthTestRegistry.PASSWORD, "10.0.0.9").status()).isEqualTo(429);
    assertThat(signIn("reader", AuthTestRegistry.PASSWORD, "10.0.0.8").status()).isEqualTo(200);
  }

  @Test
  void aThrottledPair_recoversAfterItsRetryAfter() {
    failTimes("reader", "10.0.0.1", 3);
    HttpResponse refused = signIn("reader", AuthTestRegistry.PASSWORD, "10.0.0.1");
    long wait = Long.parseLong(refused.headers().first("Retry-After"));

    auth.clock.advance(Duration.ofSeconds(wait));

    assertThat(signIn("reader", AuthTestRegistry.PASSWORD, "10.0.0.1").status()).isEqualTo(200);
  }

  private void failTimes(String account, String address, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(signIn(account, "guess-" + i, address).status()).isEqualTo(401);
    }
  }

  private HttpResponse signIn(String account, String password, String address) {
    return auth.registry.send("GET", "/v2/", null, null, "Authorization",
        AuthTestRegistry.basic(account, password), AccessGate.CLIENT_ADDRESS, address);
  }
}
