package dev.meridian.core.contract;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.version.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Small value factories shared by the contract suites. */
final class ContractData {
  private ContractData() {}

  static Digest digest(String seed) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return Digest.sha256(sha.digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static RepositoryName repo(String name) {
    return RepositoryName.parse(name);
  }

  static Version version(long millis) {
    return new Version(millis, 0, "aa");
  }

  static Version version(long millis, int counter, String seed) {
    return new Version(millis, counter, seed);
  }
}
