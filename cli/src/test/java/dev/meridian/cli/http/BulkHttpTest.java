package dev.meridian.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blocking client for blob bytes against the JDK's HTTP server and a raw socket. */
class BulkHttpTest {

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicReference<byte[]> received = new AtomicReference<>();
  private final AtomicReference<String> receivedHeader = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void exchange_withAFileRegion_sendsExactlyThoseBytes_andCountsThem() throws IOException {
    byte[] file = random(3 << 20);
    Path path = Files.write(dir.resolve("blob"), file);
    URI uri = start();
    AtomicLong sent = new AtomicLong();

    try (FileChannel channel = FileChannel.open(path);
        BulkHttp.Response response = BulkHttp.exchange("PATCH", uri.resolve("/echo"), Map.of("X-Test", "yes"),
            new BulkHttp.Body.FileRegion(channel, 1000, 2_000_000), sent::addAndGet)) {
      assertThat(response.status()).isEqualTo(202);
      assertThat(response.header("location")).isEqualTo("/next");
      assertThat(response.text()).isEqualTo("2000000");
    }
    assertThat(received.get()).isEqualTo(Arrays.copyOfRange(file, 1000, 2_001_000));
    assertThat(receivedHeader.get()).isEqualTo("yes");
    assertThat(sent.get()).isEqualTo(2_000_000);
  }

  @Test
  void exchange_withAStream_sendsItsNextBytesOnly() throws IOException {
    byte[] bytes = random(10_000);
    URI uri = start();

    try (BulkHttp.Response response = BulkHttp.exchange("PUT", uri.resolve("/echo"), Map.of(),
        new BulkHttp.Body.Stream(new ByteArrayInputStream(bytes), 4_000), n -> { })) {
      assertThat(response.status()).isEqualTo(202);
    }
    assertThat(received.get()).isEqualTo(Arrays.copyOf(bytes, 4_000));
  }

  @Test
  void exchange_whenTheAnswerIsChunked_readsTheWholeBody() throws IOException {
    URI uri = start();

    try (BulkHttp.Response response = BulkHttp.exchange("GET", uri.resolve("/chunked"), Map.of(), BulkHttp.NO_BODY,
        n -> { })) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().readAllBytes()).isEqualTo(random(300_000));
    }
  }

  @Test
  void exchange_whenTheConnectionClosesBeforeContentLength_failsInsteadOfAShortBody() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket s = raw.accept()) {
          InputStream in = s.getInputStream();
          in.read(new byte[4096]); // the request head
          OutputStream out = s.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException ignored) {
          // the test sees the result on the client side
        }
      });
      answer.start();
      URI uri = URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/blob");

      try (BulkHttp.Response response = BulkHttp.exchange("GET", uri, Map.of(), BulkHttp.NO_BODY, n -> { })) {
        assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class)
            .hasMessageContaining("90 bytes before the end");
      }
      answer.join();
    }
  }

  private URI start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/echo", exchange -> {
      try (exchange) {
        received.set(exchange.getRequestBody().readAllBytes());
        receivedHeader.set(exchange.getRequestHeaders().getFirst("X-Test"));
        byte[] answer = Integer.toString(received.get().length).getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().add("Location", "/next");
        exchange.sendResponseHeaders(202, answer.length);
        exchange.getResponseBody().write(answer);
      }
    });
    server.createContext("/chunked", exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(200, 0); // 0: chunked transfer coding
        exchange.getResponseBody().write(random(300_000));
      }
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
