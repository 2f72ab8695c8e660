package dev.meridian.app.auth;

import dev.meridian.core.auth.AdminBootstrap;
import dev.meridian.core.auth.IdentityStore;
import java.lang.System.Logger.Level;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Creates the {@code admin} account when a function starts ({@code MERIDIAN_AUTH_BOOTSTRAP=true},
 * set on the AWS functions that take admin calls), so a new AWS registry can be signed in to
 * without a manual step. Unlike the local runtime it never generates a password — there is no
 * console to print it on — and it never stops the function from starting: a missing password or
 * an unreachable table is logged and retried at the next cold start. Concurrent cold starts are
 * safe: the account is created with a conditional write, and a deleted admin's tombstone keeps
 * it deleted.
 */
public final class AdminBootstrapOnStart implements SmartInitializingSingleton {
  private static final System.Logger LOG = System.getLogger(AdminBootstrapOnStart.class.getName());

  private final AuthFunctions.AuthBootstrap bootstrap;
  private final BootstrapPassword password;

  AdminBootstrapOnStart(AuthFunctions.AuthBootstrap bootstrap, BootstrapPassword password) {
    this.bootstrap = bootstrap;
    this.password = password;
  }

  @Override
  public void afterSingletonsInstantiated() {
    try {
      run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "admin bootstrap failed, retried at the next start: " + e);
    }
  }

  /** True when the account exists after the call (created now or before). */
  boolean run() {
    IdentityStore store = bootstrap.store();
    if (store.find(AdminBootstrap.ADMIN).isPresent()) {
      return true;
    }
    String configured = password.password();
    if (configured == null || configured.isEmpty()) {
      LOG.log(Level.WARNING, "no admin account and no bootstrap password configured "
          + "(MERIDIAN_BOOTSTRAP_PASSWORD or MERIDIAN_SECRETS_BOOTSTRAP_PASSWORD): "
          + "nobody can sign in");
      return false;
    }
    new AuthFunctions.AuthBootstrap(store, bootstrap.hasher(), configured).run();
    LOG.log(Level.INFO, "admin account present (bootstrap password from configuration)");
    return store.find(AdminBootstrap.ADMIN).isPresent();
  }
}
