package dev.meridian.app.auth;

/**
 * Where the {@code admin} account's first password comes from: {@code
 * MERIDIAN_BOOTSTRAP_PASSWORD} (scripts, CI, the local runtime), or on AWS the Secrets Manager
 * secret template.yaml generates ({@code MERIDIAN_SECRETS_BOOTSTRAP_PASSWORD}). Asked only
 * when the account is missing.
 */
@FunctionalInterface
public interface BootstrapPassword {
  /** The configured password, or empty when none is configured. */
  String password();
}
