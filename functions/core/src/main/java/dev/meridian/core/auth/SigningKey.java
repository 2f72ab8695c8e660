package dev.meridian.core.auth;

import java.time.Instant;
import java.util.Arrays;

/**
 * One HMAC-SHA256 key that signs tokens, named by its {@code kid} (the JWT header names the key
 * that signed it, so verification picks the right one while old and new keys overlap).
 *
 * @param retired when a newer key replaced this one as the signing key; null while it signs
 */
public record SigningKey(String kid, byte[] secret, Instant created, Instant retired) {
  /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash (256 bits). */
  public static final int MIN_BYTES = 32;

  public SigningKey {
    if (kid == null || kid.isBlank() || secret == null || secret.length < MIN_BYTES) {
      throw new IllegalArgumentException("a signing key needs a kid and at least "
          + MIN_BYTES + " bytes of secret");
    }
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  SigningKey retiredAt(Instant when) {
    return new SigningKey(kid, secret, created, when);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k && k.kid.equals(kid) && Arrays.equals(k.secret, secret);
  }

  @Override
  public int hashCode() {
    return kid.hashCode();
  }

  @Override
  public String toString() {
    return "SigningKey[" + kid + "]"; // never the secret
  }
}
