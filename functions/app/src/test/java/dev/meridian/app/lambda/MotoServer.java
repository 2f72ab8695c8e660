package dev.meridian.app.lambda;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * moto's AWS emulator ({@code moto_server}, moto 5: EventBridge rules and their SQS targets) on a
 * free loopback port, a process of the test's own, stopped by {@link #close}. Absent, the calling
 * test skips, or fails on CI, where {@code .ci/run} requires it. SQS is spoken over its JSON
 * protocol with the JDK's client (moto does not check signatures), so no SQS SDK module is needed.
 */
final class MotoServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static MotoServer start() throws IOException, InterruptedException {
    if (!onPath("moto_server")) {
      String message = "moto_server not on PATH (preinstalled on the project's machines; .ci/run checks)";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("moto", ".log");
    Process p = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    MotoServer moto = new MotoServer(p, URI.create("http://127.0.0.1:" + port));
    for (int i = 0; i < 300; i++) {
      try {
        moto.http.send(HttpRequest.newBuilder(moto.endpoint.resolve("/moto-api/")).build(),
            HttpResponse.BodyHandlers.discarding());
        return moto;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("moto_server exited: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
    moto.close();
    throw new IllegalStateException("moto_server did not answer within 30 s");
  }

  URI endpoint() {
    return endpoint;
  }

  /** One SQS JSON-protocol call ({@code AmazonSQS.<action>}); returns the answer. */
  JsonNode sqs(String action, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "AmazonSQS." + action)
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("SQS " + action + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
