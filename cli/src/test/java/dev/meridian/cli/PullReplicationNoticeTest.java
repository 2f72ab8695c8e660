package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meridian pull} says what the region said about replication: a tag served
 * while a newer version is on its way, and a read-through from another region. The registry is
 * a stub answering exactly as a Meridian region does (docs/replication.md).
 */
class PullReplicationNoticeTest {
  @TempDir Path dir;
  private HttpServer registry;

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.stop(0);
    }
  }

  @Test
  void pull_whenTheTagHasANewerVersionOnItsWay_printsAWarning_andStillCopies() throws Exception {
    String newer = "sha256:" + "b".repeat(64);
    String host = serve(Map.of("Meridian-Replication",
        "pending; newer=" + newer + "; from=eastus"));

    CliRunner.Result r = new CliRunner(dir.resolve("auth.json"), null)
        .run("pull", host + "/app:v1", "oci:" + dir.resolve("out") + ":v1");

    assertThat(r.exit()).as(r.describe()).isZero();
    assertThat(r.err()).contains("warning: app:v1 is sha256:")
        .contains("a newer version (" + newer + ") is replicating here from eastus");
  }

  @Test
  void pull_whenServedFromAnotherRegion_saysSo() throws Exception {
    String host = serve(Map.of("Meridian-Served-From", "eastus"));

    CliRunner.Result r = new CliRunner(dir.resolve("auth.json"), null)
        .run("pull", host + "/app:v1", "oci:" + dir.resolve("out") + ":v1");

    assertThat(r.exit()).as(r.describe()).isZero();
    assertThat(r.err()).contains("served from eastus (onMiss: fetch)");
  }

  @Test
  void pull_withoutReplicationHeaders_printsNoNotice() throws Exception {
    String host = serve(Map.of());

    CliRunner.Result r = new CliRunner(dir.resolve("auth.json"), null)
        .run("pull", host + "/app:v1", "oci:" + dir.resolve("out") + ":v1");

    assertThat(r.exit()).as(r.describe()).isZero();
    assertThat(r.err()).doesNotContain("warning:").doesNotContain("note:");
  }

  /** A one-image registry whose manifest response carries {@code headers}; its host:port. */
  private String serve(Map<String, String> headers) throws IOException {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest(layer) + "\",\"size\":"
        + layer.length + "}]}";
    byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/manifests/v1")) {
          headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          exchange.getResponseHeaders().add("Content-Type",
              "application/vnd.oci.image.manifest.v1+json");
          exchange.getResponseHeaders().add("Docker-Content-Digest", digest(manifestBytes));
          answer(exchange, 200, manifestBytes);
        } else if (path.endsWith("/blobs/" + digest(config))) {
          answer(exchange, 200, config);
        } else if (path.endsWith("/blobs/" + digest(layer))) {
          answer(exchange, 200, layer);
        } else if (path.equals("/v2/") || path.equals("/v2")) {
          answer(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
        } else {
          answer(exchange, 404, "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"no\"}]}"
              .getBytes(StandardCharsets.UTF_8));
        }
      }
    });
    registry.start();
    return "127.0.0.1:" + registry.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
