package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.local.TestAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request log as an operator gets it (docs/operations.md "Logs"): {@code meridian-local} run
 * as its own process with {@code MERIDIAN_LOG_FORMAT=json} and the runtime's logback.xml, its
 * stderr captured. A 401 challenge, a push (two blob uploads and a manifest), a blob HEAD that
 * finds nothing and a path with control characters each give exactly one line that is one JSON
 * object with region, method, route template, status, duration, bytes and account; the 401 and
 * the 404 are INFO, not WARN; the control characters forge no line and leave the JSON valid.
 */
class JsonRequestLogEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String REPO = "logs/app";
  @TempDir static Path work;
  private static Process process;
  private static Path log;
  private static URI east;

  @BeforeAll
  static void start() throws Exception {
    Path config = Path.of("target", "classes", "logback.xml").toAbsolutePath();
    assertThat(config).exists();
    Path regions = Files.writeString(work.resolve("regions"), "eastus aa\n");
    log = work.resolve("stderr.log");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=" + config, "-Djava.io.tmpdir=" + work,
        "-cp", System.getProperty("java.class.path"), "dev.meridian.local.MeridianLocal",
        "--ephemeral", "--port", "0", "--regions", regions.toString(),
        "--blob-delivery", "stream")
        .redirectError(log.toFile());
    builder.environment().put("MERIDIAN_LOG_FORMAT", "json");
    process = builder.start();
    east = EphemeralStorageEndToEndTest.readyEndpoint(process, "eastus", log);
  }

  @AfterAll
  static void stop() throws Exception {
    if (process != null) {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void requests_withJsonFormat_logOneValidJsonObjectPerRequest() throws Exception {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = "layer bytes of the json log test".getBytes(StandardCharsets.UTF_8);
    String manifest = "{\"schemaVersion\":2,"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest(layer)
        + "\",\"size\":" + layer.length + "}]}";

    assertThat(send("GET", "/v2/", null, null)).isEqualTo(401);
    assertThat(send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + digest(config), config,
        "application/octet-stream")).isEqualTo(201);
    assertThat(send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + digest(layer), layer,
        "application/octet-stream")).isEqualTo(201);
    assertThat(send("PUT", "/v2/" + REPO + "/manifests/v1",
        manifest.getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.manifest.v1+json"))
        .isEqualTo(201);
    assertThat(send("HEAD", "/v2/" + REPO + "/blobs/sha256:" + "0".repeat(64), null, null))
        .isEqualTo(404);
    int forged = send("GET", "/v2/logs/app%0aforged%20line%01%1b%5b31m/manifests/v1%0d%0a", null,
        null);
    assertThat(forged).isBetween(400, 499);

    List<JsonNode> requests = requestLines(6);

    assertThat(requests).hasSize(6);
    for (JsonNode r : requests) {
      assertThat(List.copyOf(iterable(r.fieldNames()))).containsExactly("time", "level", "type",
          "region", "method", "route", "status", "millis", "bytesIn", "bytesOut", "account");
      assertThat(r.get("region").asText()).isEqualTo("eastus");
      assertThat(r.get("level").asText()).isEqualTo("INFO"); // no 5xx: nothing is a warning
      assertThat(r.get("millis").asLong()).isNotNegative();
    }
    JsonNode challenge = requests.get(0);
    assertThat(challenge.get("method").asText()).isEqualTo("GET");
    assertThat(challenge.get("route").asText()).isEqualTo("/v2/");
    assertThat(challenge.get("status").asInt()).isEqualTo(401);
    assertThat(challenge.get("account").asText()).isEmpty();
    long[] blobSizes = {config.length, layer.length};
    for (int i = 0; i < 2; i++) {
      JsonNode upload = requests.get(1 + i);
      assertThat(upload.get("route").asText()).isEqualTo("/v2/<name>/blobs/uploads/");
      assertThat(upload.get("status").asInt()).isEqualTo(201);
      assertThat(upload.get("bytesIn").asLong()).isEqualTo(blobSizes[i]);
      assertThat(upload.get("account").asText()).isEqualTo("admin");
    }
    JsonNode put = requests.get(3);
    assertThat(put.get("method").asText()).isEqualTo("PUT");
    assertThat(put.get("route").asText()).isEqualTo("/v2/<name>/manifests/<reference>");
    assertThat(put.get("bytesIn").asLong()).isEqualTo(manifest.length());
    JsonNode head = requests.get(4);
    assertThat(head.get("method").asText()).isEqualTo("HEAD");
    assertThat(head.get("route").asText()).isEqualTo("/v2/<name>/blobs/<digest>");
    assertThat(head.get("status").asInt()).isEqualTo(404);
    assertThat(head.get("bytesOut").asLong()).isZero();
    JsonNode control = requests.get(5);
    assertThat(control.get("route").asText()).isEqualTo("/v2/<name>/manifests/<reference>");
    assertThat(control.get("status").asInt()).isEqualTo(forged);

    // No line of the whole log was forged, or carries a raw control character.
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("forged"))
        .allSatisfy(l -> assertThat(l.chars().filter(c -> c < 0x20 && c != '\t')).isEmpty());
  }

  /** Waits for {@code expected} request lines; fails on any request line that is not JSON. */
  private static List<JsonNode> requestLines(int expected) throws Exception {
    for (int round = 0; round < 300; round++) {
      List<JsonNode> found = new ArrayList<>();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.contains("\"type\":\"request\"") || line.contains("dev.meridian.requests")) {
          assertThat(line).as("a request line is one JSON object").startsWith("{").endsWith("}");
          found.add(JSON.readTree(line));
        }
      }
      if (found.size() >= expected) {
        return found;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("fewer than " + expected + " request lines in "
        + Files.readString(log));
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  private static int send(String method, String path, byte[] body, String type) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(east + path))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    if (!path.equals("/v2/")) {
      b.header("Authorization", TestAdmin.BASIC);
    }
    if (type != null) {
      b.header("Content-Type", type);
    }
    return CLIENT.send(b.build(), BodyHandlers.discarding()).statusCode();
  }

  private static String digest(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
