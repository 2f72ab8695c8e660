package dev.meridian.local.runtime;

import dev.meridian.core.auth.AccessGate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Hex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Jetty front: what reaches the function, and what reaches the wire. */
class HttpFrontTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private HttpFront front;

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
  }

  @Test
  void clientAddress_isTheConnectionsAndAClientSentValueIsDropped() throws Exception {
    serve(r -> new HttpResponse(200, new HttpHeaders(), ResponseBody.of(
        String.join(",", r.headers().all(AccessGate.CLIENT_ADDRESS))
            .getBytes(StandardCharsets.UTF_8))));

    String raw = rawExchange("GET /v2/ HTTP/1.1\r\nHost: x\r\n"
        + AccessGate.CLIENT_ADDRESS + ": 203.0.113.9\r\nConnection: close\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 200");
    assertThat(raw).endsWith("\r\n\r\n127.0.0.1"); // the rate limiter's key, not the client's say
  }

  @Test
  void head_whenHandlerSetsContentLength_sendsItUnchangedAndNoBody() throws Exception {
    serve(r -> new HttpResponse(200, new HttpHeaders()
        .set("Content-Length", "1073741824")
        .set("Docker-Content-Digest", "sha256:abc"), ResponseBody.empty()));

    String raw = rawExchange("HEAD /v2/a/blobs/sha256:abc HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 200");
    assertThat(raw.toLowerCase()).contains("content-length: 1073741824\r\n");
    assertThat(raw.toLowerCase()).contains("docker-content-digest: sha256:abc\r\n");
    assertThat(raw).endsWith("\r\n\r\n"); // headers only, no body bytes
  }

  @Test
  void get_whenHandlerHeaderDisagreesWithBody_sendsBodyLength() throws Exception {
    serve(r -> new HttpResponse(200, new HttpHeaders().set("Content-Length", "999"),
        ResponseBody.of("hello".getBytes(StandardCharsets.UTF_8))));

    var response = CLIENT.send(get("/x").build(), BodyHandlers.ofString());

    assertThat(response.headers().firstValue("content-length")).hasValue("5");
    assertThat(response.body()).isEqualTo("hello");
  }

  @Test
  void request_whenChunked_reachesHandlerByteExactWithUnknownLength() throws Exception {
    AtomicReference<Long> seenLength = new AtomicReference<>();
    serve(r -> {
      seenLength.set(r.contentLength());
      return new HttpResponse(202, new HttpHeaders(), ResponseBody.of(sha256(r.body())));
    });
    byte[] payload = new byte[5 * 1024 * 1024 + 17];
    new Random(7).nextBytes(payload);

    // ofInputStream has no known length, so the JDK client sends Transfer-Encoding: chunked.
    var response = CLIENT.send(get("/v2/a/blobs/uploads/s1")
        .method("PATCH", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload)))
        .build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo(Hex.encode(digest(payload)));
    assertThat(seenLength.get()).isEqualTo(-1L);
  }

  @Test
  void request_whenContentLength_passesItAndQueryAndHost() throws Exception {
    AtomicReference<HttpRequest> seen = new AtomicReference<>();
    serve(r -> {
      seen.set(r);
      return new HttpResponse(201, new HttpHeaders(), ResponseBody.of(sha256(r.body())));
    });
    byte[] payload = "0123456789".getBytes(StandardCharsets.UTF_8);

    var response = CLIENT.send(get("/v2/a/blobs/uploads/?digest=sha256%3Aab&x")
        .POST(BodyPublishers.ofByteArray(payload)).build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo(Hex.encode(digest(payload)));
    HttpRequest r = seen.get();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v2/a/blobs/uploads/");
    assertThat(r.query("digest")).isEqualTo("sha256:ab");
    assertThat(r.contentLength()).isEqualTo(10);
    assertThat(r.host()).isEqualTo("127.0.0.1:" + front.uri().getPort());
  }

  @Test
  void response_whenLargeAndKnownLength_streamsEveryByte() throws Exception {
    long size = 256L * 1024 * 1024;
    serve(r -> new HttpResponse(200, new HttpHeaders(), ResponseBody.of(pattern(size), size)));

    var response = CLIENT.send(get("/blob").build(), BodyHandlers.ofInputStream());

    assertThat(response.headers().firstValue("content-length")).hasValue(Long.toString(size));
    assertThat(Hex.encode(digestOf(response.body()))).isEqualTo(Hex.encode(digestOf(pattern(size))));
  }

  @Test
  void response_whenUnknownLength_isChunkedAndComplete() throws Exception {
    long size = 64L * 1024 * 1024 + 3;
    serve(r -> new HttpResponse(200, new HttpHeaders(), ResponseBody.of(pattern(size), -1)));

    var response = CLIENT.send(get("/blob").build(), BodyHandlers.ofInputStream());

    assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
    assertThat(Hex.encode(digestOf(response.body()))).isEqualTo(Hex.encode(digestOf(pattern(size))));
  }

  @Test
  void response_whenEmptyBody_sendsContentLengthZero() throws Exception {
    serve(r -> new HttpResponse(202, new HttpHeaders().set("Location", "/v2/a/blobs/uploads/1"),
        ResponseBody.empty()));

    var response = CLIENT.send(get("/x").POST(BodyPublishers.noBody()).build(),
        BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("content-length")).hasValue("0");
    assertThat(response.headers().firstValue("location")).hasValue("/v2/a/blobs/uploads/1");
  }

  @Test
  void response_whenFunctionThrows_answers500WithOciError() throws Exception {
    serve(r -> {
      throw new IllegalStateException("boom");
    });

    var response = CLIENT.send(get("/v2/").build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("\"errors\"");
  }

  /**
   * skopeo tries TLS first on a scheme-less registry; the front must refuse the ClientHello
   * straight away so the client falls back to plain HTTP (the JDK server waited for a CRLF and
   * every skopeo command stalled on its 10 s TLS handshake timeout).
   */
  @Test
  void tlsClientHello_isRefusedInsteadOfAwaitingMoreBytes() throws Exception {
    serve(r -> HttpResponse.of(200));
    byte[] clientHelloStart = {0x16, 0x03, 0x01, 0x00, (byte) 0xf4, 0x01, 0x00, 0x00, (byte) 0xf0,
        0x03, 0x03, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};

    try (Socket socket = new Socket("127.0.0.1", front.uri().getPort())) {
      // A bound so that a regression fails the test instead of hanging the build.
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(clientHelloStart);
      socket.getOutputStream().flush();
      byte[] answer = socket.getInputStream().readAllBytes();

      assertThat(new String(answer, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void request_whenPathHasEscapes_decodesWithoutNormalizingOrPlusToSpace() throws Exception {
    AtomicReference<String> path = new AtomicReference<>();
    serve(r -> {
      path.set(r.path());
      return HttpResponse.of(200);
    });

    rawExchange("GET /v2/a/%2e%2e/b+c/manifests/sha256%3Aab HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n");

    assertThat(path.get()).isEqualTo("/v2/a/../b+c/manifests/sha256:ab");
  }

  private void serve(Function<HttpRequest, HttpResponse> function) throws IOException {
    front = HttpFront.start("test", 0, 4, function);
  }

  private java.net.http.HttpRequest.Builder get(String path) {
    return java.net.http.HttpRequest.newBuilder(front.uri().resolve(path));
  }

  /** Sends raw bytes and reads until the server closes: exactly what went over the wire. */
  private String rawExchange(String request) throws IOException {
    return rawExchange(front.uri(), request);
  }

  /** Sends {@code request} to {@code uri}'s host and port; returns all the server answers. */
  static String rawExchange(URI uri, String request) throws IOException {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** {@code size} bytes of a deterministic pattern, generated on the fly. */
  private static InputStream pattern(long size) {
    return new InputStream() {
      long position;

      @Override
      public int read() {
        return position < size ? (int) (position++ * 31 % 251) : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= size) {
          return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) (position++ * 31 % 251);
        }
        return n;
      }
    };
  }

  private static byte[] sha256(InputStream in) {
    return Hex.encode(digestOf(in)).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] digestOf(InputStream in) {
    try (DigestInputStream d = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
      d.transferTo(OutputStream.nullOutputStream());
      return d.getMessageDigest().digest();
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] digest(byte[] bytes) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
