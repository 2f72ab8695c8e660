package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On one front over real sockets: a body behind its deadline is cut off with
 * 408, and requests with a body over the per-address caps are refused with 429 at once while
 * bodiless requests still answer.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class HttpFrontSlowBodyTest {

  @Test
  void slowBody_behindItsDeadline_is408WithAnOciErrorAndTheConnectionCloses() throws Exception {
    try (HttpFront front = HttpFront.start("slow", 0, 8,
            new BodyLimits(Duration.ofMillis(500), 1024, 4, 4, 4), r -> {
              try {
                r.body().readAllBytes();
                return HttpResponse.of(200);
              } catch (IOException e) {
                return HttpResponse.of(400); // what a function answers for a failed read
              }
            });
        Socket socket = connect(front)) {
      send(socket, "POST /meridian/v1/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      // One byte every 100 ms (10 bytes a second) until the front answers; 1000 bytes at most.
      for (int i = 0; i < 1000 && in.available() == 0; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(100);
      }
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // to the close

      assertThat(answer).startsWith("HTTP/1.1 408");
      assertThat(answer.toLowerCase()).contains("connection: close");
      assertThat(answer).contains("{\"errors\":[{\"code\":\"UNSUPPORTED\"",
          "request body slower than 1024 bytes a second");
    }
  }

  @Test
  void bodiesOverTheCaps_are429AtOnce_andBodilessRequestsStillAnswer() throws Exception {
    Semaphore reading = new Semaphore(0);
    HttpFront front = HttpFront.start("caps", 0, 8,
        new BodyLimits(Duration.ofMinutes(1), 1, 3, 2, 1), r -> {
          if (r.contentLength() != 0) {
            reading.release();
            try {
              r.body().readAllBytes(); // held until the client goes
            } catch (IOException e) {
              // client gone
            }
          }
          return HttpResponse.of(200);
        });
    String anonymous = "POST /v2/a/blobs/uploads/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n";
    String signedIn = "PATCH /v2/a/blobs/uploads/u HTTP/1.1\r\nHost: x\r\n"
        + "Authorization: Basic eDp5\r\nContent-Length: 10\r\n\r\n";

    try (front; Socket first = connect(front); Socket second = connect(front);
        Socket third = connect(front); Socket fourth = connect(front)) {
      send(first, anonymous);
      assertThat(reading.tryAcquire(1, TimeUnit.MINUTES)).isTrue();
      send(second, anonymous); // over 1 anonymous body per address
      assertThat(statusLine(second)).startsWith("HTTP/1.1 429");
      send(third, signedIn);
      assertThat(reading.tryAcquire(1, TimeUnit.MINUTES)).isTrue();
      send(fourth, signedIn); // over 2 bodies per address
      assertThat(statusLine(fourth)).startsWith("HTTP/1.1 429");

      String get = HttpFrontTest.rawExchange(front.uri(),
          "GET /v2/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(get).startsWith("HTTP/1.1 200");
    }
  }

  private static Socket connect(HttpFront front) throws IOException {
    Socket socket = new Socket("127.0.0.1", front.uri().getPort());
    socket.setSoTimeout(60_000); // a hang guard
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  private static String statusLine(Socket socket) throws IOException {
    StringBuilder line = new StringBuilder();
    InputStream in = socket.getInputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\r') {
      line.append((char) c);
    }
    return line.toString();
  }
}
