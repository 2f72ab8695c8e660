package dev.meridian.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two Secrets Manager operations Meridian calls, {@code GetSecretValue} and {@code
 * PutSecretValue}, over the service's real wire protocol (AWS JSON 1.1: {@code POST /} with
 * {@code X-Amz-Target: secretsmanager.<Operation>}, errors as {@code {"__type":…}}), so the real
 * SDK client is what tests drive. No Secrets Manager emulator runs without Docker here; this one
 * keeps secrets in memory, requires a SigV4 {@code Authorization} with the test access key, and
 * records the region each call was signed for (the credential scope), so tests can see which
 * region a secret ARN was read in. One per test JVM, like {@link LocalS3Server}.
 */
public final class LocalSecretsManager {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SCOPE =
      Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/secretsmanager/aws4_request");
  private static LocalSecretsManager shared;

  /** One call as the server saw it. */
  public record Call(String operation, String secretId, String signedRegion) {}

  private final HttpServer server;
  private final URI endpoint;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private LocalSecretsManager() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
  }

  public static synchronized LocalSecretsManager shared() {
    if (shared == null) {
      try {
        shared = new LocalSecretsManager();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Creates or replaces a secret (what CloudFormation's {@code AWS::SecretsManager::Secret} does). */
  public void put(String secretId, String value) {
    secrets.put(secretId, value);
  }

  public String value(String secretId) {
    return secrets.get(secretId);
  }

  /** The calls made for {@code secretId}, oldest first. */
  public List<Call> calls(String secretId) {
    return calls.stream().filter(c -> secretId.equals(c.secretId())).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Matcher scope = SCOPE.matcher(auth == null ? "" : auth);
      if (!scope.find() || !scope.group(1).equals(LocalS3Server.ACCESS_KEY)) {
        error(exchange, 400, "UnrecognizedClientException", "unsigned or unknown access key");
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String id = body.path("SecretId").asText("");
      String operation = target == null ? "" : target.replace("secretsmanager.", "");
      calls.add(new Call(operation, id, scope.group(2)));
      switch (operation) {
        case "GetSecretValue" -> {
          String value = secrets.get(id);
          if (value == null) {
            error(exchange, 400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret.");
            return;
          }
          ObjectNode out = JSON.createObjectNode().put("ARN", arn(id, scope.group(2)))
              .put("Name", id).put("SecretString", value)
              .put("VersionId", UUID.randomUUID().toString());
          out.putArray("VersionStages").add("AWSCURRENT");
          send(exchange, 200, out);
        }
        case "PutSecretValue" -> {
          if (!secrets.containsKey(id)) {
            error(exchange, 400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret.");
            return;
          }
          secrets.put(id, body.path("SecretString").asText());
          ObjectNode out = JSON.createObjectNode().put("ARN", arn(id, scope.group(2)))
              .put("Name", id).put("VersionId", UUID.randomUUID().toString());
          out.putArray("VersionStages").add("AWSCURRENT");
          send(exchange, 200, out);
        }
        default -> error(exchange, 400, "InvalidAction", "unsupported: " + target);
      }
    }
  }

  private static String arn(String id, String region) {
    return id.startsWith("arn:") ? id
        : "arn:aws:secretsmanager:" + region + ":000000000000:secret:" + id;
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    send(exchange, status, JSON.createObjectNode().put("__type", type).put("message", message));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
