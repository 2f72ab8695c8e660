package dev.meridian.local.builds;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Build contexts as tar.gz made by the system {@code tar} (binary files, symlinks, modes), and the
 * base image of the engine tests: Debian's {@code busybox-static} ({@code /bin/busybox}, a static
 * binary; .ci/run installs it) with {@code /bin/sh} linking to it, built {@code FROM scratch} by
 * the engine-free builder and so pushed to Meridian like any image.
 */
final class BusyboxBase {
  static final Path BUSYBOX = Path.of("/bin/busybox");

  private BusyboxBase() {}

  /** The base's context; skips (or fails under CI=true) without busybox-static. */
  static byte[] context(Path dir) throws IOException {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      org.assertj.core.api.Assertions.assertThat(BUSYBOX).as("apt-get install busybox-static")
          .isExecutable();
    }
    assumeThat(Files.isExecutable(BUSYBOX)).as("busybox-static is installed").isTrue();
    Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, dir.resolve("bin/busybox"));
    Files.createSymbolicLink(dir.resolve("bin/sh"), Path.of("busybox"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY bin /bin\nCMD [\"/bin/sh\"]\n");
    return tarGz(dir, Map.of());
  }

  /** {@code dir} plus {@code files} (name → text) as a tar.gz. */
  static byte[] tarGz(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    Path out = Files.createTempFile("engine-context-", ".tar.gz");
    try {
      Process p = new ProcessBuilder("tar", "-czf", out.toString(), "-C", dir.toString(), ".")
          .redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("tar failed: " + log);
      }
      return Files.readAllBytes(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
