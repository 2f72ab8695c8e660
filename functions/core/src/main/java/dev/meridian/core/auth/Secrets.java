package dev.meridian.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Rules for account secrets, and generation of robot secrets and bootstrap passwords. */
public final class Secrets {
  /** NIST SP 800-63B §5.1.1.2 asks for at least 8 characters. */
  public static final int MIN_CHARS = 8;
  /** bcrypt's input limit. */
  public static final int MAX_BYTES = 72;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  public static String requireAcceptable(String secret) {
    if (secret == null || secret.length() < MIN_CHARS) {
      throw new IllegalArgumentException("a password needs at least " + MIN_CHARS + " characters");
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("a password may have at most " + MAX_BYTES + " bytes");
    }
    if (secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("a password may not contain control characters");
    }
    return secret;
  }

  /** 32 random bytes, URL-safe base64 (43 characters): robot secrets, generated passwords. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
