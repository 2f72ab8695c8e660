package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.fakes.InMemoryIdentityStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the password cache trades: bcrypt runs, against how fast a change reaches an instance. */
class CredentialCheckTest {
  private static final Duration TTL = Duration.ofSeconds(10);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryIdentityStore store = new InMemoryIdentityStore();
  private final CountingHasher hasher = new CountingHasher();
  private final CredentialCheck check = new CredentialCheck(store, hasher, clock, TTL);

  CredentialCheckTest() {
    store.create(Identity.create("ci", Identity.Kind.ROBOT, hasher.hash("s3cret-s3cret"),
        List.of(), Set.of(), clock.instant()));
  }

  @Test
  void check_whenTheSameSecretComesBackAfterTheAccountCache_doesNotRunBcryptAgain() {
    assertThat(check.check("ci", "s3cret-s3cret")).isPresent();
    clock.advance(Duration.ofMinutes(5)); // the account is read again, unchanged

    assertThat(check.check("ci", "s3cret-s3cret")).isPresent();
    assertThat(hasher.verifications.get()).isEqualTo(1);
    clock.advance(CredentialCheck.VERIFIED_SECRET_TTL);
    assertThat(check.check("ci", "s3cret-s3cret")).isPresent();
    assertThat(hasher.verifications.get()).isEqualTo(2);
  }

  @Test
  void check_whenThePasswordChanged_refusesTheOldOneOnceTheAccountIsReadAgain() {
    assertThat(check.check("ci", "s3cret-s3cret")).isPresent();
    Identity ci = store.find("ci").orElseThrow();
    store.put(ci.withChanges(hasher.hash("n3w-s3cret-n3w"), ci.grants(), ci.permissions(),
        clock.instant().plusSeconds(1)));

    assertThat(check.check("ci", "s3cret-s3cret")).as("within the account cache").isPresent();
    clock.advance(TTL.plusSeconds(1));
    assertThat(check.check("ci", "s3cret-s3cret")).isEmpty();
    assertThat(check.check("ci", "n3w-s3cret-n3w")).isPresent();
  }

  @Test
  void check_whenTheSecretIsWrong_isRefusedEveryTimeAndNothingIsRemembered() {
    assertThat(check.check("ci", "wrong-wrong-wrong")).isEmpty();
    assertThat(check.check("ci", "wrong-wrong-wrong")).isEmpty();
    assertThat(hasher.verifications.get()).isEqualTo(2);
    assertThat(check.check("ci", "s3cret-s3cret")).isPresent();
  }

  @Test
  void check_whenRequestsArriveTogether_runsBcryptOnceForThem() throws Exception {
    hasher.gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Optional<Identity>>> checks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        checks.add(pool.submit(() -> check.check("ci", "s3cret-s3cret")));
      }
      // Let the one bcrypt run finish only once every request is waiting on it.
      assertThat(hasher.started.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200);
      hasher.gate.countDown();
      for (Future<Optional<Identity>> c : checks) {
        assertThat(c.get(10, TimeUnit.SECONDS)).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(hasher.verifications.get()).isEqualTo(1);
  }

  /** bcrypt at the lowest cost, counted, optionally held until a gate opens. */
  private static final class CountingHasher implements PasswordHasher {
    private final BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(4);
    final AtomicInteger verifications = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    volatile CountDownLatch gate;

    @Override
    public String hash(String secret) {
      return bcrypt.hash(secret);
    }

    @Override
    public boolean verify(String secret, String hash) {
      verifications.incrementAndGet();
      started.countDown();
      try {
        if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("gate never opened");
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return bcrypt.verify(secret, hash);
    }
  }
}
