package dev.meridian.local.runtime;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 from BoringSSL (through Conscrypt's JNI library) for a JVM without C2, which is how the
 * fast start runs the runtime ({@code -XX:TieredStopAtLevel=1}, docs/local-runtime.md "Fast
 * start"). The JDK's SHA-256 is fast only as C2 code (its SHA-NI intrinsic, 1.1-1.6 GB/s here); as
 * C1 code it hashes ~150 MB/s, and every pushed byte is hashed. BoringSSL does 390-470 MB/s
 * whatever the JIT ({@code bench/sha256.sh}; bench/notes.md). With C2 available nothing changes.
 *
 * <p>Only {@code MessageDigest.SHA-256} is provided, ahead of the JDK's providers, so callers keep
 * {@code MessageDigest.getInstance("SHA-256")}; TLS, signatures and random numbers stay the JDK's.
 * The native library is checked with a known answer first; when it cannot load (a platform
 * Conscrypt has no binary for) or answers wrongly, the JDK's stays in use and one line says why.
 */
public final class NativeSha256 {

  private static final Logger LOG = LoggerFactory.getLogger(NativeSha256.class);
  private static final String NAME = "MeridianNativeSha256";
  /** FIPS 180-2, appendix B.1: SHA-256("abc"). */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String IMPLEMENTATION = "org.conscrypt.OpenSSLMessageDigestJDK$SHA256";

  private NativeSha256() {}

  /** Installs the provider when this JVM has no C2 compiler; idempotent. */
  public static synchronized void installWithoutC2() {
    if (Security.getProvider(NAME) != null || c2Available()) {
      return;
    }
    Provider provider = new DigestProvider();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256", provider);
      String answer = HexFormat.of().formatHex(sha.digest("abc".getBytes(StandardCharsets.US_ASCII)));
      if (!ABC.equals(answer)) {
        LOG.warn("native SHA-256 answered {} for \"abc\"; the JDK's SHA-256 stays in use", answer);
        return;
      }
    } catch (Exception | LinkageError e) {
      LOG.info("native SHA-256 not available here ({}); the JDK's, as C1 code, hashes pushes",
          e.toString());
      return;
    }
    Security.insertProviderAt(provider, 1);
    LOG.info("SHA-256 by BoringSSL (Conscrypt): this JVM has no C2 for the JDK's SHA-NI intrinsic");
  }

  /** Whether this JVM compiles with C2 (the JDK's SHA-256 intrinsic needs it). */
  static boolean c2Available() {
    try {
      var diagnostics = ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      boolean tiered = Boolean.parseBoolean(
          diagnostics.getVMOption("TieredCompilation").getValue());
      int stopAt = Integer.parseInt(diagnostics.getVMOption("TieredStopAtLevel").getValue());
      return !tiered || stopAt >= 4;
    } catch (RuntimeException e) {
      return true; // not HotSpot: leave the JDK's providers alone
    }
  }

  private static final class DigestProvider extends Provider {
    private static final long serialVersionUID = 1L;

    DigestProvider() {
      super(NAME, "1", "SHA-256 by BoringSSL through Conscrypt, for a JVM without C2");
      putService(new Service(this, "MessageDigest", "SHA-256", IMPLEMENTATION,
          List.of("SHA256", "2.16.840.1.101.3.4.2.1", "OID.2.16.840.1.101.3.4.2.1"), null));
    }
  }
}
