package dev.meridian.core.blob;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Running JDK {@link MessageDigest}s for a set of digest algorithms ({@code sha256},
 * {@code sha512}), fed as bytes stream past. The JDK's SHA-256 uses the CPU's SHA extensions
 * where present, so hashing costs little next to the network copy.
 */
final class Hashers {
  private static final int READ_BUFFER = 64 * 1024;
  private final Map<String, MessageDigest> running = new LinkedHashMap<>();

  Hashers(Set<String> algorithms) {
    for (String algorithm : algorithms) {
      running.put(algorithm, newDigest(algorithm));
    }
  }

  static Hashers none() {
    return new Hashers(Set.of());
  }

  boolean isEmpty() {
    return running.isEmpty();
  }

  void update(byte[] bytes, int offset, int length) {
    for (MessageDigest d : running.values()) {
      d.update(bytes, offset, length);
    }
  }

  /** The digests of everything fed so far, by algorithm. Call once. */
  Map<String, Digest> finish() {
    Map<String, Digest> out = new LinkedHashMap<>();
    running.forEach((alg, d) -> out.put(alg, new Digest(alg, Hex.encode(d.digest()))));
    return out;
  }

  /** Hashes a whole stream with every algorithm, reading it once with a small buffer. */
  static Map<String, Digest> of(InputStream in, Set<String> algorithms) {
    Hashers hashers = new Hashers(algorithms);
    byte[] buffer = new byte[READ_BUFFER];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        hashers.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading upload for verification failed", e);
    }
    return hashers.finish();
  }

  private static MessageDigest newDigest(String algorithm) {
    String jdk = switch (algorithm) {
      case Digest.SHA256 -> "SHA-256";
      case Digest.SHA512 -> "SHA-512";
      default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
    };
    try {
      return MessageDigest.getInstance(jdk);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + jdk, e);
    }
  }
}
