package dev.meridian.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.meridian.core.webhooks.WebhookSender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender reports what happened, never what the receiver said (a ping to
 * DynamoDB Local on loopback answered with its table list).
 */
class JdkWebhookSenderTest {
  private static final String SECRET = "{\"TableNames\":[\"meridian-eastus\"]}";
  private final JdkWebhookSender sender = new JdkWebhookSender(Duration.ofSeconds(5));
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void send_whenReceiverAnswersWithABody_reportsNoneOfIt() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] answer = SECRET.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();

    WebhookSender.Response r = sender.send(request(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.toString()).doesNotContain("TableNames").doesNotContain("meridian-eastus");
    assertThat(r.summary()).isEqualTo("HTTP 200, application/x-amz-json-1.0, "
        + SECRET.length() + " bytes");
  }

  /** A service that is not HTTP: the JDK's error message quotes its first line. */
  @Test
  void send_whenReceiverIsNotHttp_reportsNoneOfItsBanner() throws Exception {
    try (ServerSocket banner = new ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = banner.accept()) {
          s.getOutputStream().write("SSH-2.0-OpenSSH_9.2 internal-bastion-7\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          s.getInputStream().read(new byte[4096]);
        } catch (IOException ignored) {
          // the client closing is the end of this test's exchange
        }
      });
      t.setDaemon(true);
      t.start();

      WebhookSender.Response r = sender.send(request(
          URI.create("http://127.0.0.1:" + banner.getLocalPort() + "/")));

      assertThat(r.status()).isEqualTo(-1);
      assertThat(r.toString()).doesNotContain("OpenSSH").doesNotContain("bastion");
      assertThat(r.error()).isEqualTo("the answer is not HTTP");
    }
  }

  private static WebhookSender.Request request(URI uri) {
    return new WebhookSender.Request(uri, Map.of("Content-Type", "application/json"),
        "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
  }
}
