package dev.meridian.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The local runtime started as the README starts it ({@code java -jar
 * functions/local/target/meridian-local.jar}), with {@code --ephemeral} and a free block of four
 * ports instead of 5000–5003 (which another runtime on the machine may hold). The admin password is
 * the one the runtime prints on its first start, as a reader would copy it.
 */
final class RuntimeFromJar implements AutoCloseable {

  private static final String PASSWORD_LINE = "bootstrap admin password (shown once; sign in as 'admin'): ";

  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch ready = new CountDownLatch(1);
  private final int port;
  private volatile String password;

  private RuntimeFromJar(Process process, int port) {
    this.process = process;
    this.port = port;
    if (process == null) {
      return;
    }
    Thread reader = new Thread(this::readOutput, "meridian-local-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The runtime of -Dmeridian.docs.port and -Dmeridian.docs.password when given (started by hand), else a new one. */
  static RuntimeFromJar startOrAttach(Path repo) throws IOException, InterruptedException {
    String port = System.getProperty("meridian.docs.port", "");
    if (port.isEmpty()) {
      return start(repo);
    }
    RuntimeFromJar attached = new RuntimeFromJar(null, Integer.parseInt(port));
    attached.password = System.getProperty("meridian.docs.password");
    return attached;
  }

  static RuntimeFromJar start(Path repo) throws IOException, InterruptedException {
    Path jar = repo.resolve("functions/local/target/meridian-local.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: this test runs in `mvn verify` (after `package`), "
          + "or build it first: mvn -q -DskipTests package");
    }
    int port = freePortBlock();
    ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx512m", "-jar", jar.toString(),
        "--ephemeral", "--port", Integer.toString(port))
        .directory(repo.toFile())
        .redirectErrorStream(true);
    // The runtime prints and keeps the password it generates; a value from the environment would
    // be used instead, and MERIDIAN_REGISTRY there would rename the registry.
    pb.environment().remove("MERIDIAN_BOOTSTRAP_PASSWORD");
    pb.environment().remove("MERIDIAN_REGISTRY");
    RuntimeFromJar runtime = new RuntimeFromJar(pb.start(), port);
    if (!runtime.ready.await(180, TimeUnit.SECONDS) || runtime.password == null) {
      String log = runtime.output();
      runtime.close();
      throw new IllegalStateException("the local runtime did not print its password and `ready global` in 180 s:\n" + log);
    }
    return runtime;
  }

  /** The global endpoint's port; region i (0-based) listens on port + 1 + i. */
  int port() {
    return port;
  }

  String password() {
    return password;
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - 60), output.size()));
    }
  }

  private void readOutput() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        output.add(line);
        if (line.startsWith(PASSWORD_LINE)) {
          password = line.substring(PASSWORD_LINE.length()).strip();
        }
        if (line.startsWith("ready global ")) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      output.add("(reading the runtime's output failed: " + e + ")");
    } finally {
      ready.countDown();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return; // attached: whoever started it stops it
    }
    process.destroy(); // SIGTERM: the runtime stops cleanly (README)
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A port p with p..p+3 all free now (the global endpoint and three regions). */
  private static int freePortBlock() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int p = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      if (free(p) && free(p + 1) && free(p + 2) && free(p + 3)) {
        return p;
      }
    }
    throw new IOException("no four consecutive free ports found");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
