package dev.meridian.app.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs in a fresh JVM whose classpath is the shaded Lambda jar (plus this class): starts the
 * function {@code args[0]} as the Lambda runtime does, optionally simulates a SnapStart snapshot
 * and restore ({@code args[1] = primed}: the function's CRaC hooks run), then times one real
 * request through {@link FunctionInvoker} and prints one JSON line of timings. The region's
 * settings arrive as {@code -Dmeridian.*} system properties, as {@code MERIDIAN_*} environment
 * variables do on AWS. {@code ShadedJarTest} and bench/cold-start.sh run it.
 *
 * <ul>
 *   <li>{@code pullHttp}: {@code GET /v2/} signed in as the admin (auth, a table read);
 *   <li>{@code pushHttp}: a monolithic blob upload signed in as the admin (S3 and table writes);
 *   <li>any other function: started, then handed an event with no records or a scheduled event
 *       (SQS, S3 and schedule functions), or only started.
 * </ul>
 */
public final class ColdStartProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    String definition = args[0];
    boolean primed = args.length > 1 && args[1].equals("primed");
    String password = System.getProperty("coldstart.admin-password", "");
    Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();

    long t0 = System.nanoTime();
    FunctionInvoker invoker = FunctionInvokers.start(definition, Map.of());
    long initMillis = (System.nanoTime() - t0) / 1_000_000;
    long readyMillis = java.time.Duration.between(jvmStart, Instant.now()).toMillis();
    int primedRequests = primed ? SnapStartPriming.simulateSnapshotAndRestore() : 0;

    byte[] event = event(definition, password, 1);
    // process CPU time (all threads: request, JIT compilers, GC): what machine load distorts least
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu1 = os.getProcessCpuTime();
    long t1 = System.nanoTime();
    byte[] answer = invoke(invoker, definition, event);
    long firstMillis = (System.nanoTime() - t1) / 1_000_000;
    long firstCpuMillis = (os.getProcessCpuTime() - cpu1) / 1_000_000;
    long jvmToAnswer = java.time.Duration.between(jvmStart, Instant.now()).toMillis();
    byte[] second = event(definition, password, 2);
    long t2 = System.nanoTime();
    byte[] secondAnswer = invoke(invoker, definition, second);
    long secondMillis = (System.nanoTime() - t2) / 1_000_000;

    ObjectNode out = JSON.createObjectNode();
    out.put("definition", definition);
    out.put("primed", primed);
    out.put("primedRequests", primedRequests);
    out.put("initMillis", initMillis);
    out.put("jvmToReadyMillis", readyMillis);
    out.put("firstRequestMillis", firstMillis);
    out.put("firstRequestCpuMillis", firstCpuMillis);
    out.put("jvmToFirstAnswerMillis", jvmToAnswer);
    out.put("secondRequestMillis", secondMillis);
    out.put("status", status(answer));
    out.put("secondStatus", status(secondAnswer));
    System.out.println("COLDSTART " + out);
    System.exit(0); // the function's non-daemon threads (SDK, lanes) must not keep the JVM up
  }

  private static byte[] invoke(FunctionInvoker invoker, String definition, byte[] event)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    invoker.handleRequest(new ByteArrayInputStream(event), out,
        new InvocationContext(definition, 30_000));
    return out.toByteArray();
  }

  /** The response's statusCode for HTTP functions; "ok" for an event function that answered. */
  private static String status(byte[] answer) throws Exception {
    JsonNode node = answer.length == 0 ? null : JSON.readTree(answer);
    return node != null && node.has("statusCode") ? node.get("statusCode").asText() : "ok";
  }

  private static byte[] event(String definition, String password, int n) throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        ("admin:" + password).getBytes(StandardCharsets.UTF_8));
    return switch (definition) {
      case "pullHttp" -> http("GET", "/v2/", "", basic, new byte[0]);
      case "pushHttp" -> {
        byte[] blob = ("cold start probe blob " + n + " " + System.nanoTime())
            .getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(blob));
        yield http("POST", "/v2/coldstart/probe/blobs/uploads/", "digest=" + digest, basic, blob);
      }
      case "reconcileSchedule", "triggerBuildsSchedule" -> scheduled();
      default -> "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
    };
  }

  private static byte[] http(String method, String path, String query, String authorization,
      byte[] body) throws Exception {
    ObjectNode e = JSON.createObjectNode();
    e.put("version", "2.0");
    e.put("routeKey", "$default");
    e.put("rawPath", path);
    e.put("rawQueryString", query);
    ObjectNode headers = e.putObject("headers");
    headers.put("host", "coldstart.example");
    headers.put("authorization", authorization);
    headers.put("content-type", "application/octet-stream");
    headers.put("content-length", Integer.toString(body.length));
    if (!query.isEmpty()) {
      String[] kv = query.split("=", 2);
      e.putObject("queryStringParameters").put(kv[0], kv[1]);
    }
    ObjectNode context = e.putObject("requestContext");
    context.put("domainName", "coldstart.example");
    context.put("stage", "$default");
    context.put("requestId", "probe");
    ObjectNode http = context.putObject("http");
    http.put("method", method);
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    e.put("isBase64Encoded", true);
    e.put("body", Base64.getEncoder().encodeToString(body));
    return JSON.writeValueAsBytes(e);
  }

  private static byte[] scheduled() {
    return ("{\"version\":\"0\",\"id\":\"coldstart\",\"detail-type\":\"Scheduled Event\","
        + "\"source\":\"aws.events\",\"account\":\"123456789012\",\"time\":\"2026-12-07T12:00:00Z\","
        + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
