package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.fakes.InMemoryIdentityStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AdminBootstrapTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final InMemoryIdentityStore store = new InMemoryIdentityStore();
  private final PasswordHasher hasher = new BcryptPasswordHasher(4);

  @Test
  void configuredPasswordCreatesAdminAndPrintsNothing() {
    assertThat(AdminBootstrap.ensure(store, hasher, "from-the-environment", clock)).isEmpty();
    Identity admin = store.find("admin").orElseThrow();
    assertThat(admin.isAdmin()).isTrue();
    assertThat(hasher.verify("from-the-environment", admin.secretHash())).isTrue();
  }

  @Test
  void withoutAPasswordOneIsGeneratedAndReturnedOnce() {
    String generated = AdminBootstrap.ensure(store, hasher, null, clock).orElseThrow();
    assertThat(hasher.verify(generated, store.find("admin").orElseThrow().secretHash())).isTrue();
    assertThat(AdminBootstrap.ensure(store, hasher, null, clock)).as("second start").isEmpty();
    assertThat(hasher.verify(generated, store.find("admin").orElseThrow().secretHash()))
        .as("unchanged by a restart").isTrue();
  }

  @Test
  void aDeletedAdminIsNotRecreatedAndAWeakPasswordIsRefused() {
    AdminBootstrap.ensure(store, hasher, "first-password", clock);
    store.put(store.find("admin").orElseThrow().tombstone(clock.instant().plusSeconds(1)));
    assertThat(AdminBootstrap.ensure(store, hasher, "second-password", clock)).isEmpty();
    assertThat(store.find("admin").orElseThrow().deleted()).isTrue();
    assertThatThrownBy(() -> AdminBootstrap.ensure(new InMemoryIdentityStore(), hasher, "short",
        clock)).isInstanceOf(IllegalArgumentException.class);
  }
}
