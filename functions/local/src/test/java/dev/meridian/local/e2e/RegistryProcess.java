package dev.meridian.local.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The reference registry, {@code docker-registry} (CNCF distribution 2.8.2, Debian), on a free
 * loopback port with filesystem storage in a temp dir. It lets the e2e client code be proven
 * against a known-good registry ({@code -Dmeridian.e2e.target=docker-registry}).
 */
final class RegistryProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private RegistryProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static RegistryProcess start(Path workDir) {
    Path binary = RequiredTool.require("docker-registry", "apt-get install -y docker-registry");
    try {
      int port = freePort();
      Path storage = Files.createDirectories(workDir.resolve("storage"));
      Path config = workDir.resolve("config.yml");
      Files.writeString(config, """
          version: 0.1
          log:
            level: error
            accesslog:
              disabled: true
          storage:
            filesystem:
              rootdirectory: %s
            delete:
              enabled: true
          http:
            addr: 127.0.0.1:%d
          """.formatted(storage, port));
      Path log = workDir.resolve("registry.log");
      Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      RegistryProcess registry = new RegistryProcess(process, port, log);
      registry.awaitReady(Duration.ofSeconds(20));
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private void awaitReady(Duration timeout) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> response = http.send(
            HttpRequest.newBuilder(endpoint().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // connection refused until it listens
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException("docker-registry not ready in " + timeout + ": " + Files.readString(log));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
