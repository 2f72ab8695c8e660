package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeSha256}: in a JVM without C2 (a forked {@code -XX:TieredStopAtLevel=1} JVM, as the
 * fast start runs) SHA-256 comes from BoringSSL and agrees with the JDK's on every input shape a
 * push feeds it; in a JVM with C2 (this one) nothing changes.
 */
class NativeSha256Test {

  @Test
  void installWithoutC2_inAC1OnlyJvm_hashesWithBoringSslAndAgreesWithTheJdk() throws Exception {
    Process probe = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        Probe.class.getName()).redirectErrorStream(true).start();
    assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(probe.exitValue()).as(out).isZero();
    assertThat(out).contains("provider MeridianNativeSha256").contains("agree 7");
  }

  @Test
  void installWithoutC2_withC2_leavesTheJdksProviders() {
    assertThat(NativeSha256.c2Available()).isTrue();

    NativeSha256.installWithoutC2();

    assertThat(Security.getProvider("MeridianNativeSha256")).isNull();
  }

  /** Run in the forked JVM: installs, then compares with the JDK's SUN SHA-256. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      NativeSha256.installWithoutC2();
      System.out.println("provider " + MessageDigest.getInstance("SHA-256").getProvider().getName());
      Random random = new Random(42);
      int agree = 0;
      for (int size : List.of(0, 1, 55, 56, 64, 65_537, 3 << 20)) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        MessageDigest nativeSha = MessageDigest.getInstance("SHA-256");
        // Fed in uneven slices, as request bodies arrive.
        for (int offset = 0; offset < size; offset += 7_001) {
          nativeSha.update(data, offset, Math.min(7_001, size - offset));
        }
        MessageDigest copy = (MessageDigest) nativeSha.clone();
        byte[] expected = MessageDigest.getInstance("SHA-256", "SUN").digest(data);
        if (!Arrays.equals(nativeSha.digest(), expected) || !Arrays.equals(copy.digest(), expected)) {
          System.out.println("differs at " + size + " bytes");
          System.exit(1);
        }
        agree++;
      }
      System.out.println("agree " + agree);
    }
  }
}
