package dev.meridian.core.oci;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm ":" encoded}.
 *
 * <p>Grammar from the OCI image-spec (descriptor.md#digests): {@code algorithm-component
 * ([+._-] algorithm-component)*}, components {@code [a-z0-9]+}, encoded {@code [a-zA-Z0-9=_-]+}.
 * Meridian requires {@code sha256} (64 lower-case hex) and accepts {@code sha512} (128 lower-case
 * hex), as the distribution-spec says registries SHOULD; any other well-formed algorithm is
 * rejected as unsupported with {@code DIGEST_INVALID}, which is what the spec's push section asks
 * for when a registry does not support an algorithm.
 */
public record Digest(String algorithm, String encoded) implements Comparable<Digest> {

  private static final Pattern GRAMMAR =
      Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");
  public static final String SHA256 = "sha256";
  public static final String SHA512 = "sha512";

  public Digest {
    if (SHA256.equals(algorithm)) {
      require(encoded != null && SHA256_HEX.matcher(encoded).matches(), algorithm, encoded);
    } else if (SHA512.equals(algorithm)) {
      require(encoded != null && SHA512_HEX.matcher(encoded).matches(), algorithm, encoded);
    } else {
      throw new RegistryException(
          ErrorKind.DIGEST_INVALID, "unsupported digest algorithm: " + algorithm);
    }
  }

  /** Parses {@code sha256:<hex>}; throws {@code DIGEST_INVALID} for anything else. */
  public static Digest parse(String text) {
    if (text == null || text.length() > 256 || !GRAMMAR.matcher(text).matches()) {
      throw new RegistryException(ErrorKind.DIGEST_INVALID, "invalid digest: " + abbreviate(text));
    }
    int colon = text.indexOf(':');
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** True when {@code text} parses; for telling a digest reference from a tag. */
  public static boolean looksLikeDigest(String text) {
    return text != null && text.indexOf(':') > 0;
  }

  public static Digest sha256(byte[] hash) {
    return new Digest(SHA256, Hex.encode(hash));
  }

  /** The JDK {@link java.security.MessageDigest} algorithm name. */
  public String jdkAlgorithm() {
    return SHA256.equals(algorithm) ? "SHA-256" : "SHA-512";
  }

  @Override
  public String toString() {
    return algorithm + ":" + encoded;
  }

  @Override
  public int compareTo(Digest other) {
    return toString().compareTo(other.toString());
  }

  private static void require(boolean ok, String algorithm, String encoded) {
    if (!ok) {
      throw new RegistryException(
          ErrorKind.DIGEST_INVALID,
          "invalid " + algorithm + " digest: " + abbreviate(algorithm + ":" + encoded));
    }
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "(none)";
    }
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
