package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests Jetty refuses before any handler runs (HTTP framing it cannot or
 * must not parse) get a 400 with an OCI error body, like every other error of the registry,
 * whatever the method. Jetty's {@code ErrorHandler} writes a body for GET, POST and HEAD only
 * ({@code ErrorHandler.ERROR_METHODS}): a PATCH, PUT or DELETE had an empty one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFrontMalformedRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpFront front;

  @BeforeAll
  void start() throws Exception {
    front = HttpFront.start("malformed", 0, 4, r -> HttpResponse.of(200));
  }

  @AfterAll
  void stop() {
    front.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      // control character in a header value (RFC 9110 5.5: CTLs are invalid in field values)
      "GET /v2/ HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\nConnection: close\r\n\r\n",
      // control character in the request target
      "GET /v2/\u0001 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      // two different Content-Lengths (RFC 9112 6.3: unrecoverable framing error)
      "POST /v2/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n"
          + "Connection: close\r\n\r\nab",
      // negative Content-Length
      "POST /v2/ HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n",
      // Content-Length with Transfer-Encoding (request smuggling, RFC 9112 6.1)
      "POST /v2/ HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n"
          + "Connection: close\r\n\r\n0\r\n\r\n",
      // not a request line
      "GARBAGE\r\n\r\n",
      // the same, with the methods Jetty writes no error body for
      "PATCH /v2/a/blobs/uploads/u HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
          + "Content-Length: 3\r\n\r\nab",
      "PUT /v2/a/blobs/uploads/u HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
      "PATCH /v2/a/blobs/uploads/u HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "DELETE /v2/a/manifests/x HTTP/1.1\r\nHost: x\r\nX-Note: \u0001\r\n\r\n",
      "OPTIONS /v2/ HTTP/1.1\r\nHost: x\r\nX-Note: \u0001\r\n\r\n",
  })
  void malformedRequest_isRefusedWithStatus400AndAnOciErrorBody(String request) throws Exception {
    String answer = HttpFrontTest.rawExchange(front.uri(), request);

    assertThat(answer).startsWith("HTTP/1.1 400");
    int split = answer.indexOf("\r\n\r\n");
    assertThat(answer.substring(0, split).toLowerCase(Locale.ROOT))
        .contains("content-type: application/json");
    JsonNode error = JSON.readTree(answer.substring(split + 4)).get("errors").get(0);
    assertThat(error.get("code").asText()).isEqualTo("UNSUPPORTED");
    assertThat(error.get("message").asText()).startsWith("bad request");
  }

  /** A HEAD answer has no body (RFC 9110 9.3.2): Jetty's error page had one. */
  @Test
  void malformedHead_is400WithContentTypeAndNoBody() throws Exception {
    String answer = HttpFrontTest.rawExchange(front.uri(),
        "HEAD /v2/ HTTP/1.1\r\nHost: x\r\nX-Note: \u0001\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
    assertThat(answer).endsWith("\r\n\r\n");
  }
}
