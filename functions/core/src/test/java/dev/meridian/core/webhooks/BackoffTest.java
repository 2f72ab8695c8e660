package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = Backoff.defaults();

  @Test
  void delay_withoutJitterExtremes_doublesFromOneSecondUpToOneHour() {
    long[] expectedUpperSeconds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600};
    for (int failures = 1; failures <= expectedUpperSeconds.length; failures++) {
      long upper = expectedUpperSeconds[failures - 1] * 1000;
      assertThat(backoff.delay(failures, null, () -> 0.999999).toMillis())
          .as("failure %d, top of the jitter", failures).isBetween(upper - 5, upper);
      assertThat(backoff.delay(failures, null, () -> 0.0).toMillis())
          .as("failure %d, bottom of the jitter", failures).isEqualTo(upper / 2);
    }
    assertThat(backoff.delay(500, null, () -> 0.5)).isLessThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void delay_whenRetryAfterIsLonger_honorsIt_elseKeepsTheSchedule() {
    assertThat(backoff.delay(1, Duration.ofSeconds(120), () -> 0.5))
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(backoff.delay(5, Duration.ofSeconds(1), () -> 0.0))
        .isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void defaults_retryForADay_thenDeadLetter() {
    // Attempts at cumulative nominal delays 1+2+...: the 24 h horizon allows about 30 attempts.
    Duration total = Duration.ZERO;
    int attempts = 0;
    while (total.compareTo(backoff.horizon()) <= 0) {
      attempts++;
      total = total.plus(backoff.delay(attempts, null, () -> 0.999999));
    }
    assertThat(backoff.horizon()).isEqualTo(Duration.ofHours(24));
    assertThat(attempts).isBetween(25, 40);
  }

  @Test
  void retryAfter_parsesSecondsAndHttpDates() {
    java.time.Instant now = java.time.Instant.parse("2025-01-01T00:00:00Z");
    assertThat(Deliverer.retryAfter("30", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Deliverer.retryAfter("Wed, 01 Jan 2025 00:01:00 GMT", now))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(Deliverer.retryAfter("soon", now)).isNull();
    assertThat(Deliverer.retryAfter(null, now)).isNull();
  }
}
