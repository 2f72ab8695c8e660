package dev.meridian.core.blob;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs an upload session's identity — (region seed, repository, session id) — with HMAC-SHA256
 * under the replica set's shared key, so a Location can carry its region and no client can make a
 * region claim the registry did not issue (CNCF distribution signs its {@code _state} upload
 * parameter the same way, {@code registry/handlers/hmac.go}). The signature is URL-safe base64
 * without padding.
 */
final class UploadSigner {
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  UploadSigner(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("upload signing key must not be empty");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  String sign(Seed regionSeed, RepositoryName repository, String sessionId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      // Newline-separated: none of the three can contain one, so the message is unambiguous.
      byte[] message = ("meridian-upload-v1\n" + regionSeed + "\n" + repository.value() + "\n"
          + sessionId).getBytes(StandardCharsets.UTF_8);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Constant-time comparison, so response timing reveals nothing about a right prefix. */
  boolean verify(Seed regionSeed, RepositoryName repository, String sessionId,
      String signature) {
    byte[] expected = sign(regionSeed, repository, sessionId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }
}
