package dev.meridian.core.auth;

/** Port: one-way hashing of account secrets (a library's, never home-made). */
public interface PasswordHasher {
  String hash(String secret);

  /** Whether {@code secret} is the one {@code hash} was made from; false for a malformed hash. */
  boolean verify(String secret, String hash);
}
