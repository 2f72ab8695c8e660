package dev.meridian.core.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (github.com/standard-webhooks/standard-webhooks, spec/
 * standard-webhooks.md "Signature scheme"): {@code webhook-signature: v1,<base64(HMAC-SHA256(key,
 * "<webhook-id>.<webhook-timestamp>.<body>"))>}, where the key is the base64 part of a {@code
 * whsec_} secret. Receivers can verify with any Standard Webhooks library; the spec's published
 * test vector is checked by {@code WebhookSignerTest}.
 */
public final class WebhookSigner {
  public static final String PREFIX = "whsec_";
  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";
  /** The spec recommends 24 to 64 bytes of key. */
  private static final int MIN_KEY = 24;
  private static final int MAX_KEY = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSigner() {}

  /** A fresh {@code whsec_} secret of 32 random bytes. */
  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** Throws {@link IllegalArgumentException} unless {@code secret} is whsec_ + 24..64 bytes. */
  public static void validate(String secret) {
    byte[] key = key(secret);
    if (key.length < MIN_KEY || key.length > MAX_KEY) {
      throw new IllegalArgumentException("secret must hold 24 to 64 bytes, got " + key.length);
    }
  }

  /** The {@code webhook-signature} value for one message. */
  public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The secret's key bytes; the {@code whsec_} prefix is optional, as in the reference libraries. */
  private static byte[] key(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret must be whsec_ followed by base64");
    }
  }
}
