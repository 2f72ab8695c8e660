package dev.meridian.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * {@link CoalescingConnection}: the SDK's 4 KiB body writes reach the wrapped connection in large
 * ones, the body arrives whole before the response is read, a short body still fails as the JDK
 * makes it fail, and the timeouts are the ones it was opened with.
 */
class CoalescingConnectionTest {

  private HttpServer server;
  private final AtomicReference<byte[]> received = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.set(body);
      byte[] answer = ("got " + body.length).getBytes();
      exchange.getResponseHeaders().add("X-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/part");
  }

  @Test
  void theSdkClient_sendsAFixedLengthBodyWhole_andReadsTheAnswer() throws Exception {
    SdkHttpClient client = AwsClients.httpClient();
    byte[] body = new byte[3 * 1024 * 1024 + 77];
    new Random(3).nextBytes(body);
    SdkHttpRequest request = SdkHttpRequest.builder().uri(uri()).method(SdkHttpMethod.PUT)
        .putHeader("Content-Length", Integer.toString(body.length)).build();

    HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder()
        .request(request).contentStreamProvider(() -> new java.io.ByteArrayInputStream(body))
        .build()).call();

    assertThat(response.httpResponse().statusCode()).isEqualTo(200);
    assertThat(response.httpResponse().firstMatchingHeader("X-Length"))
        .hasValue(Integer.toString(body.length));
    try (InputStream in = response.responseBody().orElseThrow()) {
      assertThat(new String(in.readAllBytes())).isEqualTo("got " + body.length);
    }
    assertThat(MessageDigest.getInstance("SHA-256").digest(received.get()))
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
    client.close();
  }

  @Test
  void getOutputStream_coalescesSmallWritesIntoLargeOnes() throws Exception {
    RecordingConnection recording = new RecordingConnection(uri().toURL());
    CoalescingConnection connection = new CoalescingConnection(recording, Duration.ofSeconds(5),
        Duration.ofSeconds(60));
    OutputStream out = connection.getOutputStream();
    byte[] piece = new byte[4096];
    for (int i = 0; i < 200; i++) { // 800 KiB in the SDK's 4 KiB copies
      out.write(piece, 0, piece.length);
    }

    assertThat(connection.getResponseCode()).isEqualTo(204); // flushes the rest first
    assertThat(recording.writes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200 * 4096);
    assertThat(recording.writes).hasSizeLessThanOrEqualTo(4)
        .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(4096));
    assertThat(recording.writes.get(0)).isEqualTo(CoalescingConnection.BODY_BUFFER);
  }

  @Test
  void getResponseCode_whenTheBodyIsShorterThanItsFixedLength_fails() throws Exception {
    HttpURLConnection connection = CoalescingConnection.open(uri(), Duration.ofSeconds(5),
        Duration.ofSeconds(60));
    connection.setRequestMethod("PUT");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(10_000L);
    connection.getOutputStream().write(new byte[5000]);

    assertThatThrownBy(connection::getResponseCode).isInstanceOf(IOException.class);
  }

  @Test
  void setTimeouts_keepTheOnesItWasOpenedWith() {
    HttpURLConnection connection = CoalescingConnection.open(uri(), Duration.ofSeconds(5),
        Duration.ofSeconds(60));
    connection.setConnectTimeout(2000); // what UrlConnectionHttpClient.create would apply
    connection.setReadTimeout(30_000);

    assertThat(connection.getConnectTimeout()).isEqualTo(5000);
    assertThat(connection.getReadTimeout()).isEqualTo(60_000);
  }

  /** Records the size of every write the wrapper makes; answers 204 without a network. */
  private static final class RecordingConnection extends HttpURLConnection {
    final List<Integer> writes = new ArrayList<>();
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream() {
      @Override
      public synchronized void write(byte[] b, int off, int len) {
        writes.add(len);
        super.write(b, off, len);
      }
    };

    RecordingConnection(URL url) {
      super(url);
    }

    @Override
    public OutputStream getOutputStream() {
      return sink;
    }

    @Override
    public int getResponseCode() {
      return 204;
    }

    @Override
    public void connect() {}

    @Override
    public void disconnect() {}

    @Override
    public boolean usingProxy() {
      return false;
    }
  }
}
