package dev.meridian.app.lambda;

import static dev.meridian.app.lambda.ApiGatewayPushPullTest.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.app.lambda.ApiGatewayEvents.Response;
import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.core.fakes.ObservedValues;
import dev.meridian.core.metrics.GlobalMetrics;
import dev.meridian.core.metrics.Metrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The event-facing Lambda entries through {@code FunctionInvoker}, fed the real event JSON under
 * {@code src/test/resources/events/}, on two regions (eastus, westeurope) on s3proxy and
 * DynamoDB Local: {@code replicateS3} (S3 ObjectCreated with URL-encoded keys; fan-out, arrival,
 * ack; a failure escapes), {@code reconcileSchedule} (EventBridge schedule) and {@code
 * dispatchWebhooksQueue} (SQS batch with one poison message, partial batch failure, a real
 * signed delivery to a loopback receiver).
 */
class LambdaEventEntriesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static TestRegions.Region east;
  static TestRegions.Region west;
  static LambdaHarness eastPush;
  static LambdaHarness eastReplicate;
  static LambdaHarness westReplicate;
  static LambdaHarness eastReconcile;
  static LambdaHarness eastDispatch;
  static HttpServer receiver;
  static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    east = TestRegions.create("eastus", "aa");
    west = TestRegions.create("westeurope", "ab");
    Map<String, String> eastProperties = new HashMap<>(TestRegions.properties(east, List.of(west)));
    eastProperties.put("meridian.webhooks.allow-loopback", "true");
    Map<String, String> westProperties = TestRegions.properties(west, List.of(east));
    eastPush = LambdaHarness.start(LambdaFunctions.PUSH_HTTP, eastProperties);
    eastReplicate = LambdaHarness.start(LambdaFunctions.REPLICATE_S3, eastProperties);
    westReplicate = LambdaHarness.start(LambdaFunctions.REPLICATE_S3, westProperties);
    eastReconcile = LambdaHarness.start(LambdaFunctions.RECONCILE_SCHEDULE, eastProperties);
    eastDispatch = LambdaHarness.start(LambdaFunctions.DISPATCH_WEBHOOKS_QUEUE, eastProperties);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
  }

  /** Every SDK call the functions made above is one their roles in template.yaml allow. */
  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRoles() {
    IamCheck.assertAllowed(eastPush, eastReplicate, westReplicate, eastReconcile, eastDispatch);
  }

  @Test
  void replicateS3_whenOwnManifestCreated_copiesToThePeer_whichAppliesAndAcks() throws Exception {
    pushImage("lambda/replicated", "v1");
    List<String> changes = keys(east.bucket(), "repositories/lambda/replicated/");
    assertThat(changes).hasSize(3); // the manifest, its versioned put record and the tag record

    eastReplicate.invoke(s3Event(east.bucket(), changes));

    List<String> arrived = keys(west.bucket(), "repositories/lambda/replicated/");
    assertThat(arrived).containsExactlyInAnyOrderElementsOf(changes);
    // blobs before the manifest that references them (dependency order)
    assertThat(keys(west.bucket(), "blobs/"))
        .contains("blobs/sha256/" + configDigest("lambda/replicated").substring("sha256:".length()));
    westReplicate.invoke(s3Event(west.bucket(), arrived));
    assertThat(keys(east.bucket(), "_acks/")).anyMatch(k -> k.contains("lambda/replicated")
        && k.endsWith("/ab"));
  }

  @Test
  void replicateS3_whenEventNamesAnotherBucket_failureEscapesSoLambdaRetries() {
    byte[] event = s3Event(west.bucket(), List.of("repositories/x/_tags/v1/000001735689600000-000000-ab"));

    assertThatThrownBy(() -> eastReplicate.invoke(event)).hasStackTraceContaining(west.bucket());
  }

  @Test
  void reconcileSchedule_copiesWhatNoEventCarried_andReturnsItsReport() throws Exception {
    pushImage("lambda/reconciled", "v1");
    assertThat(keys(west.bucket(), "repositories/lambda/reconciled/")).isEmpty();

    Metrics before = GlobalMetrics.get();
    ObservedValues observed = new ObservedValues();
    GlobalMetrics.install(observed);
    JsonNode report;
    try {
      report = JSON.readTree(eastReconcile.invoke(
          LambdaHarness.resource("eventbridge-scheduled.json")));
    } finally {
      GlobalMetrics.install(before);
    }

    assertThat(report.path("copied").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(report.path("failures").asInt()).isZero();
    assertThat(keys(west.bucket(), "repositories/lambda/reconciled/"))
        .containsExactlyInAnyOrderElementsOf(keys(east.bucket(), "repositories/lambda/reconciled/"));
    // copied, not yet applied and acked by westeurope (its replicate did not run): its backlog
    // holds at least this push's three changes, reported once as the EMF metric's value
    assertThat(observed.all()).singleElement().satisfies(o -> {
      assertThat(o).startsWith("meridian.replication.backlog region,eastus,peer,ab ");
      assertThat(Long.parseLong(o.substring(o.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(3);
    });
  }

  @Test
  void dispatchWebhooksQueue_whenBatchHoldsOnePoisonMessage_reportsOnlyIt_andDelivers()
      throws Exception {
    String hook = "{\"name\":\"lambdahook\",\"serviceUri\":\"http://127.0.0.1:"
        + receiver.getAddress().getPort() + "/hook\",\"actions\":[\"push\"],"
        + "\"scope\":\"lambda/hooked:*\"}";
    Response created = ApiGatewayEvents.send(eastPush, "POST", "/meridian/v1/webhooks",
        Map.of("Content-Type", "application/json"), hook.getBytes(StandardCharsets.UTF_8));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    pushImage("lambda/hooked", "v7");

    JsonNode response = JSON.readTree(eastDispatch.invoke(
        LambdaHarness.resource("sqs-webhook-dispatch-batch.json")));

    assertThat(response.path("batchItemFailures")).hasSize(1);
    assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asText())
        .isEqualTo("2e1424d4-f796-459a-8184-9c92662be6da");
    assertThat(received).anyMatch(body -> body.contains("\"repository\":\"lambda/hooked\"")
        && body.contains("\"tag\":\"v7\"") && body.contains("\"action\":\"push\""));
  }

  /** A blob and a manifest referencing it, by tag, through {@code pushHttp}; the manifest digest. */
  private static String pushImage(String repo, String tag) {
    byte[] config = config(repo);
    Response blob = ApiGatewayEvents.send(eastPush, "POST", "/v2/" + repo + "/blobs/uploads/?digest="
        + digest(config), Map.of("Content-Type", "application/octet-stream"), config);
    assertThat(blob.status()).as(blob.text()).isEqualTo(201);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    Response put = ApiGatewayEvents.send(eastPush, "PUT", "/v2/" + repo + "/manifests/" + tag,
        Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"), manifest);
    assertThat(put.status()).as(put.text()).isEqualTo(201);
    return digest(manifest);
  }

  private static byte[] config(String repo) {
    return ("{\"os\":\"linux\",\"repo\":\"" + repo + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static String configDigest(String repo) {
    return digest(config(repo));
  }

  private static List<String> keys(String bucket, String prefix) {
    S3Client s3 = LocalS3Server.shared().s3();
    return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }

  /**
   * The S3 event of {@code events/s3-object-created-put.json}, its first record repeated for each
   * key (URL-encoded as S3 sends them) in {@code bucket}, its ObjectRemoved record kept (skipped).
   */
  private static byte[] s3Event(String bucket, List<String> keys) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(
          LambdaHarness.resource("s3-object-created-put.json"));
      ArrayNode records = (ArrayNode) event.get("Records");
      ObjectNode put = (ObjectNode) records.get(0);
      JsonNode removed = records.get(1);
      List<JsonNode> out = new ArrayList<>();
      for (String key : keys) {
        ObjectNode record = put.deepCopy();
        ObjectNode s3 = (ObjectNode) record.get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ((ObjectNode) s3.get("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8));
        out.add(record);
      }
      out.add(removed);
      records.removeAll();
      records.addAll(out);
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
