package dev.meridian.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.cli.auth.Credentials;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the client sends credentials: the token flow, storage redirects, cleartext realms. */
class RegistryClientTest {

  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> storageAuthorization = new CopyOnWriteArrayList<>();
  private final List<String> registryAuthorization = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void send_blobRedirectToAnotherHost_followsWithoutAuthorization() throws IOException {
    HttpServer storage = server(exchange -> {
      storageAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      answer(exchange, 200, "blob-bytes");
    });
    // "localhost" vs "127.0.0.1": another authority, as Meridian presigns against
    // (docs/architecture.md "Measured facts")
    String storageUrl = "http://localhost:" + storage.getAddress().getPort() + "/bucket/blob?X-Amz-Signature=s";
    HttpServer registry = server(exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      registryAuthorization.add(String.valueOf(auth));
      if (exchange.getRequestURI().getPath().equals("/token")) {
        answer(exchange, 200, "{\"token\":\"t0k\"}");
      } else if (!"Bearer t0k".equals(auth)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:"
            + exchange.getLocalAddress().getPort() + "/token\",service=\"meridian\",scope=\"repository:app:pull\"");
        answer(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
      } else {
        exchange.getResponseHeaders().add("Location", storageUrl);
        answer(exchange, 307, "");
      }
    });
    RegistryClient client = client(registry, false);

    HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.resolve("/v2/app/blobs/sha256:abc")).GET(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("blob-bytes");
    assertThat(registryAuthorization).contains("Bearer t0k").anyMatch(a -> a.startsWith("Basic "));
    assertThat(storageAuthorization).containsExactly("null");
  }

  @Test
  void send_cleartextRealmOnAnotherHost_refusesToSendTheCredentials() throws IOException {
    HttpServer registry = server(exchange -> {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://collector.example:80/token\",service=\"x\"");
      answer(exchange, 401, "");
    });
    RegistryClient client = client(registry, false);

    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(client.resolve("/v2/")).GET(),
        HttpResponse.BodyHandlers.discarding()))
        .isInstanceOfSatisfying(CliException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCode.AUTH);
          assertThat(e.getMessage()).contains("refusing to send credentials in clear text");
        });
  }

  @Test
  void challenge_parse_keepsQuotedCommasAndSpaces() {
    Challenge c = Challenge.parse("Bearer realm=\"https://r.example/token\",service=\"meridian\","
        + "scope=\"repository:a:pull,push repository:b:pull\",error=\"insufficient_scope\"").orElseThrow();
    assertThat(c.isBearer()).isTrue();
    assertThat(c.param("realm")).isEqualTo("https://r.example/token");
    assertThat(c.param("scope")).isEqualTo("repository:a:pull,push repository:b:pull");
    assertThat(c.param("error")).isEqualTo("insufficient_scope");
  }

  private RegistryClient client(HttpServer registry, boolean plainHttp) {
    return RegistryClient.connect("127.0.0.1:" + registry.getAddress().getPort(),
        new Credentials("admin", "secret-password"), plainHttp);
  }

  private HttpServer server(Handler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        handler.handle(exchange);
      }
    });
    server.start();
    servers.add(server);
    return server;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @FunctionalInterface
  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }
}
