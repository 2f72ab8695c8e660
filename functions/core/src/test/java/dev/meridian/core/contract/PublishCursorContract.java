package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.events.PublishCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link PublishCursor} must have; adapters return a fresh cursor. */
public abstract class PublishCursorContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);
  private PublishCursor cursor;

  protected abstract PublishCursor newCursor();

  /** Another instance over the same cursor (another function instance). */
  protected PublishCursor sameCursorElsewhere(PublishCursor cursor) {
    return cursor;
  }

  @BeforeEach
  void setUp() {
    cursor = newCursor();
  }

  @Test
  void claim_whenNew_startsAtZero() {
    assertThat(cursor.claim(T0, LEASE)).get().extracting(PublishCursor.Claim::position)
        .isEqualTo(0L);
  }

  @Test
  void claim_whileAnotherClaimIsLive_isEmpty() {
    assertThat(cursor.claim(T0, LEASE)).isPresent();
    assertThat(sameCursorElsewhere(cursor).claim(T0.plusSeconds(59), LEASE)).isEmpty();
  }

  @Test
  void complete_movesThePositionAndEndsTheClaim() {
    PublishCursor.Claim c = cursor.claim(T0, LEASE).orElseThrow();
    assertThat(cursor.complete(c, 7)).isTrue();
    Optional<PublishCursor.Claim> next = sameCursorElsewhere(cursor).claim(T0.plusSeconds(1), LEASE);
    assertThat(next).get().extracting(PublishCursor.Claim::position).isEqualTo(7L);
  }

  @Test
  void complete_afterTheLeasePassedAndAnotherClaimed_isRefusedAndChangesNothing() {
    PublishCursor.Claim stale = cursor.claim(T0, LEASE).orElseThrow();
    PublishCursor other = sameCursorElsewhere(cursor);
    PublishCursor.Claim fresh = other.claim(T0.plusSeconds(61), LEASE).orElseThrow();
    assertThat(cursor.complete(stale, 5)).isFalse();
    assertThat(other.complete(fresh, 3)).isTrue();
    assertThat(cursor.claim(T0.plusSeconds(62), LEASE)).get()
        .extracting(PublishCursor.Claim::position).isEqualTo(3L);
  }

  @Test
  void complete_twice_secondIsRefused() {
    PublishCursor.Claim c = cursor.claim(T0, LEASE).orElseThrow();
    assertThat(cursor.complete(c, 2)).isTrue();
    assertThat(cursor.complete(c, 9)).isFalse();
  }
}
