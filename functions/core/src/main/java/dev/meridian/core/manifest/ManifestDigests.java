package dev.meridian.core.manifest;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Computes a manifest's digest over its exact bytes with a given algorithm. */
final class ManifestDigests {
  private ManifestDigests() {}

  static Digest compute(String algorithm, byte[] bytes) {
    Digest template = Digest.SHA512.equals(algorithm)
        ? new Digest(Digest.SHA512, "0".repeat(128))
        : new Digest(Digest.SHA256, "0".repeat(64));
    try {
      byte[] hash = MessageDigest.getInstance(template.jdkAlgorithm()).digest(bytes);
      return new Digest(template.algorithm(), Hex.encode(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + template.jdkAlgorithm(), e);
    }
  }
}
