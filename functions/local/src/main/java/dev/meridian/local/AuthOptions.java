package dev.meridian.local;

/**
 * The local runtime's access control (docs/security.md): it is always on.
 *
 * @param bootstrapPassword the {@code admin} password on first start; null: generate one and
 *     print it once ({@code MERIDIAN_BOOTSTRAP_PASSWORD} sets it)
 * @param rateLimit requests a second per account ({@code --rate-limit}; 0 disables; default
 *     1000)
 */
public record AuthOptions(String bootstrapPassword, double rateLimit) {
  public static final double DEFAULT_RATE_LIMIT = 1000;

  /** The password from {@code MERIDIAN_BOOTSTRAP_PASSWORD}, the default rate limit. */
  public static AuthOptions fromEnvironment() {
    String password = System.getenv("MERIDIAN_BOOTSTRAP_PASSWORD");
    return new AuthOptions(password == null || password.isEmpty() ? null : password,
        DEFAULT_RATE_LIMIT);
  }

  public AuthOptions withBootstrapPassword(String password) {
    return new AuthOptions(password, rateLimit);
  }

  public AuthOptions withRateLimit(double limit) {
    return new AuthOptions(bootstrapPassword, limit);
  }
}
