package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One client address holds at most {@link ConnectionsPerAddress#DEFAULT_LIMIT}
 * connections to a front; one more is closed unanswered, other addresses are served, and a
 * closed connection frees its place.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class ConnectionsPerAddressTest {

  private static final String GET = "GET /v2/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

  @Test
  void connectionsOverTheCap_fromOneAddress_areClosed_whileAnotherAddressIsServed()
      throws Exception {
    List<Socket> held = new ArrayList<>();
    try (HttpFront front = HttpFront.start("conns", 0, 8, r -> HttpResponse.of(200))) {
      int port = front.uri().getPort();
      for (int i = 0; i < ConnectionsPerAddress.DEFAULT_LIMIT; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        held.add(socket);
        // One request each, kept alive: every one of them is open at the front before the next.
        assertThat(keepAliveExchange(socket)).startsWith("HTTP/1.1 200");
      }

      assertThat(exchange(new Socket("127.0.0.1", port))).as("one over the cap").isEmpty();
      Socket other = new Socket(InetAddress.getByName("127.0.0.1"), port,
          InetAddress.getByName("127.0.0.2"), 0);
      assertThat(exchange(other)).as("another address").startsWith("HTTP/1.1 200");

      held.remove(0).close();
      String again = "";
      for (int attempt = 0; attempt < 100 && again.isEmpty(); attempt++) {
        again = exchange(new Socket("127.0.0.1", port)); // once the front has seen the close
        if (again.isEmpty()) {
          Thread.sleep(50);
        }
      }
      assertThat(again).as("a freed place").startsWith("HTTP/1.1 200");
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  /** A GET on a kept-alive connection; returns the answer's head (its body is empty). */
  private static String keepAliveExchange(Socket socket) throws IOException {
    socket.setSoTimeout(60_000);
    socket.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    StringBuilder head = new StringBuilder();
    InputStream in = socket.getInputStream();
    int c;
    while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
      head.append((char) c);
    }
    return head.toString();
  }

  /** Sends a GET; returns the answer, or "" when the front closed the connection unanswered. */
  private static String exchange(Socket socket) throws IOException {
    try (socket) {
      socket.setSoTimeout(60_000);
      try {
        socket.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (java.net.SocketException reset) {
        return "";
      }
    }
  }
}
