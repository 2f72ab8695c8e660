package dev.meridian.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.auth.BcryptPasswordHasher;
import dev.meridian.core.auth.PasswordHasher;
import dev.meridian.core.fakes.InMemoryIdentityStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The AWS functions' admin bootstrap at start: configured password or nothing, never fatal. */
class AdminBootstrapOnStartTest {
  private final InMemoryIdentityStore store = new InMemoryIdentityStore();
  private final PasswordHasher hasher = new BcryptPasswordHasher(4);
  private final AuthFunctions.AuthBootstrap bootstrap =
      new AuthFunctions.AuthBootstrap(store, hasher, "");

  @Test
  void createsAdminWithTheConfiguredPassword() {
    AdminBootstrapOnStart onStart = new AdminBootstrapOnStart(bootstrap,
        () -> "from-secrets-manager-0123");

    assertThat(onStart.run()).isTrue();

    assertThat(store.find("admin").orElseThrow().isAdmin()).isTrue();
    assertThat(hasher.verify("from-secrets-manager-0123",
        store.find("admin").orElseThrow().secretHash())).isTrue();
  }

  @Test
  void withoutAPassword_createsNothingAndNeverGeneratesOne() {
    AdminBootstrapOnStart onStart = new AdminBootstrapOnStart(bootstrap, () -> "");

    assertThat(onStart.run()).isFalse();
    onStart.afterSingletonsInstantiated();

    assertThat(store.find("admin")).isEmpty();
  }

  @Test
  void whenAdminExists_thePasswordSourceIsNotRead() {
    new AdminBootstrapOnStart(bootstrap, () -> "first-password-0123").run();
    AtomicInteger reads = new AtomicInteger();

    boolean present = new AdminBootstrapOnStart(bootstrap, () -> {
      reads.incrementAndGet();
      return "second-password-0123";
    }).run();

    assertThat(present).isTrue();
    assertThat(reads).hasValue(0);
    assertThat(hasher.verify("first-password-0123",
        store.find("admin").orElseThrow().secretHash())).isTrue();
  }

  @Test
  void aFailingPasswordSource_isLoggedNotThrown() {
    AdminBootstrapOnStart onStart = new AdminBootstrapOnStart(bootstrap, () -> {
      throw new IllegalStateException("secret unreachable");
    });

    onStart.afterSingletonsInstantiated();

    assertThat(store.find("admin")).isEmpty();
  }
}
