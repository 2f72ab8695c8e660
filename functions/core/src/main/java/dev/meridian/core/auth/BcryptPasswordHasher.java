package dev.meridian.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt ({@code at.favre.lib:bcrypt}), version {@code $2a$} — the scheme of CNCF distribution's
 * htpasswd auth, so hashes are familiar to operators. Cost 10 by default (~50–100 ms here): a
 * verified Basic credential is then cached ({@link CredentialCheck}), so clients that send Basic
 * on every request do not pay it every time. bcrypt reads at most 72 bytes; longer secrets are
 * refused by {@link Secrets#requireAcceptable} rather than silently truncated.
 */
public final class BcryptPasswordHasher implements PasswordHasher {
  public static final int DEFAULT_COST = 10;
  private final int cost;

  public BcryptPasswordHasher() {
    this(DEFAULT_COST);
  }

  /** {@code cost} 4..31; tests use 4 to stay fast. */
  public BcryptPasswordHasher(int cost) {
    this.cost = cost;
  }

  @Override
  public String hash(String secret) {
    return BCrypt.withDefaults().hashToString(cost, secret.toCharArray());
  }

  @Override
  public boolean verify(String secret, String hash) {
    if (hash == null || secret.getBytes(StandardCharsets.UTF_8).length > Secrets.MAX_BYTES) {
      return false;
    }
    try {
      return BCrypt.verifyer().verify(secret.toCharArray(), hash.toCharArray()).verified;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
