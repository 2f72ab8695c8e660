package dev.meridian.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CNCF distribution 2.8.2 (Debian's {@code docker-registry}), no auth, filesystem storage, on a
 * free loopback port: "any OCI registry" for the CLI. Skipped where it is not installed
 * ({@code apt-get install -y docker-registry}), as functions/local's e2e tests treat it.
 */
final class DistributionRegistry implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final int port;

  private DistributionRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static DistributionRegistry start(Path dir) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(BINARY), "docker-registry missing: apt-get install -y docker-registry");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("registry.yml");
    Files.writeString(config, """
        version: 0.1
        log: {level: error, accesslog: {disabled: true}}
        storage: {filesystem: {rootdirectory: %s}, delete: {enabled: true}}
        http: {addr: 127.0.0.1:%d}
        """.formatted(dir.resolve("storage"), port));
    Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    DistributionRegistry registry = new DistributionRegistry(process, port);
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 200 && process.isAlive(); i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return registry;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    registry.close();
    throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
