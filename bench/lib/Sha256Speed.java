import java.security.MessageDigest;
import java.security.Provider;

/**
 * SHA-256 throughput of the JDK's provider and, when Conscrypt is on the class path, BoringSSL's,
 * in this JVM (run it with and without -XX:TieredStopAtLevel=1). bench/sha256.sh runs it.
 * 256 MiB per round in 64 KiB updates (the request path's buffer size), three rounds each.
 */
public class Sha256Speed {
  public static void main(String[] args) throws Exception {
    String label = args.length > 0 ? args[0] : "";
    byte[] buffer = new byte[64 * 1024];
    new java.util.Random(1).nextBytes(buffer);
    measure(label + " JDK (SUN)", MessageDigest.getInstance("SHA-256", "SUN").getProvider(), buffer);
    try {
      Provider conscrypt = (Provider) Class.forName("org.conscrypt.Conscrypt")
          .getMethod("newProvider").invoke(null);
      measure(label + " BoringSSL (Conscrypt)", conscrypt, buffer);
    } catch (ClassNotFoundException e) {
      System.out.println(label + " BoringSSL: Conscrypt not on the class path");
    }
  }

  private static void measure(String name, Provider provider, byte[] buffer) throws Exception {
    StringBuilder rounds = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256", provider);
      long t0 = System.nanoTime();
      for (int i = 0; i < 4096; i++) {
        sha.update(buffer);
      }
      sha.digest();
      rounds.append(String.format(" %.0f", 256 * 1.048576 / ((System.nanoTime() - t0) / 1e9)));
    }
    System.out.println(name + ": MB/s per round" + rounds);
  }
}
