package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The front's request-size limits, over a real socket: a request line and headers up to {@link
 * HttpFront#MAX_REQUEST_HEADER_BYTES} reach the function; beyond, Jetty answers 414 or 431 with
 * an OCI error body.
 */
class HttpFrontLimitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpFront front;

  @BeforeEach
  void start() throws Exception {
    // Echoes how long the path and the headers it received were.
    front = HttpFront.start("limits", 0, 4, r -> new HttpResponse(200, new HttpHeaders(),
        ResponseBody.of((r.path().length() + " " + r.headers().asMap().size())
            .getBytes(StandardCharsets.UTF_8))));
  }

  @AfterEach
  void stop() {
    front.close();
  }

  @Test
  void pathAndHeaders_overJettysDefault8KiB_underTheLimit_reachTheFunction() throws Exception {
    String path = "/v2/" + "a/".repeat(5000) + "tags/list"; // 10 KiB
    String answer = exchange(path, "X-Token: " + "t".repeat(4000) + "\r\n");

    assertThat(answer).startsWith("HTTP/1.1 200");
    // Host, Connection, X-Token, and the Meridian-Client-Address the front adds
    assertThat(answer).endsWith(path.length() + " 4");
  }

  @Test
  void headers_overTheLimit_431WithOciError() throws Exception {
    String answer = exchange("/v2/", "X-Token: " + "t".repeat(HttpFront.MAX_REQUEST_HEADER_BYTES)
        + "\r\n");

    assertThat(answer).startsWith("HTTP/1.1 431");
    assertOciError(answer, "request line and headers longer than 16384 bytes");
  }

  @Test
  void manyHeaderFields_overTheLimitInTotal_431WithOciError() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      many.append("X-").append(i).append(": v\r\n"); // ~ 27 KB in all
    }
    String answer = exchange("/v2/", many.toString());

    assertThat(answer).startsWith("HTTP/1.1 431");
    assertOciError(answer, "headers longer than");
  }

  @Test
  void requestLine_overTheLimit_414WithOciError() throws Exception {
    String answer = exchange("/v2/" + "a/".repeat(HttpFront.MAX_REQUEST_HEADER_BYTES) + "tags/list",
        "");

    assertThat(answer).startsWith("HTTP/1.1 414");
    assertOciError(answer, "request line longer than 16384 bytes");
  }

  private String exchange(String path, String extraHeaders) throws Exception {
    return HttpFrontTest.rawExchange(front.uri(), "GET " + path + " HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n" + extraHeaders + "\r\n");
  }

  private static void assertOciError(String answer, String message) throws Exception {
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
    assertThat(head).contains("content-type: application/json");
    JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4))
        .get("errors").get(0);
    assertThat(error.get("code").asText()).isEqualTo("UNSUPPORTED");
    assertThat(error.get("message").asText()).contains(message);
  }
}
