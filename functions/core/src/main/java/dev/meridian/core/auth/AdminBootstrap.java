package dev.meridian.core.auth;

import dev.meridian.core.route.RegistryPermission;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The first account: on a registry without an {@code admin} account, creates
 * one with every permission, its password taken from {@code MERIDIAN_BOOTSTRAP_PASSWORD} when set
 * (scripts, CI), otherwise generated for the runtime to print once. A deleted {@code admin}
 * stays deleted: its tombstone counts as existing, so a restart does not bring it back.
 */
public final class AdminBootstrap {
  public static final String ADMIN = "admin";
  public static final String PASSWORD_VARIABLE = "MERIDIAN_BOOTSTRAP_PASSWORD";

  private AdminBootstrap() {}

  /**
   * Creates the account if missing; returns the generated password when one was generated and
   * the account created, so the caller can print it (never logged).
   */
  public static Optional<String> ensure(IdentityStore store, PasswordHasher hasher,
      String configuredPassword, Clock clock) {
    if (store.find(ADMIN).isPresent()) {
      return Optional.empty();
    }
    boolean generated = configuredPassword == null || configuredPassword.isEmpty();
    String password = generated ? Secrets.generate() : Secrets.requireAcceptable(configuredPassword);
    Identity admin = Identity.create(ADMIN, Identity.Kind.USER, hasher.hash(password), List.of(),
        Set.of(RegistryPermission.ADMIN), clock.instant());
    boolean created = store.create(admin);
    return created && generated ? Optional.of(password) : Optional.empty();
  }
}
