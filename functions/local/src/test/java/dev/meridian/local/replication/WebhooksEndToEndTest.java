package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through the local runtime: real registry HTTP, the in-process dispatch loop
 * over DynamoDB Local, and receivers on the JDK's HTTP server. Each test uses its own repository
 * and scope, so the tests' webhooks do not see each other's pushes.
 */
class WebhooksEndToEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
        .withBlobDelivery(BlobDelivery.STREAM)
        .withReplication(new ReplicationOptions(Duration.ZERO, FaultPlan.none())));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void push_inEastus_firesSignedPushInEastusAndWesteurope_andReplicatedOnce()
      throws Exception {
    try (Receiver east = Receiver.ok(); Receiver west = Receiver.ok();
        Receiver replicated = Receiver.ok()) {
      String eastSecret = create("eastus", "eastpush", east.uri(), "hooks/regional:*",
          List.of("push"), Map.of("X-Receiver-Token", "s3cret"));
      String westSecret = create("westeurope", "westpush", west.uri(), "hooks/regional:*",
          List.of("push"), Map.of());
      String replSecret = create("eastus", "eastrepl", replicated.uri(), "hooks/regional:*",
          List.of("replicated"), Map.of());

      OciHttpClient.Image image = OciHttpClient.pushImage(runtime.regionEndpoint("eastus"),
          "hooks/regional", "v1", "regional");

      // One push is announced once per region (by its tag record): a push webhook in eastus
      // when it is pushed, in westeurope when it arrives, and one replicated webhook in eastus
      // when every region has it — as ACR users "deploy as the images arrive".
      Eventually.await("eastus push delivered", LIMIT, () -> distinctIds(east) >= 1);
      Eventually.await("westeurope push delivered", LIMIT, () -> distinctIds(west) >= 1);
      Eventually.await("replicated delivered", LIMIT, () -> distinctIds(replicated) >= 1);
      runtime.awaitReplicationIdle(LIMIT);

      JsonNode e = verified(east.received.get(0), eastSecret);
      assertThat(e.get("action").asText()).isEqualTo("push");
      assertThat(e.get("region").asText()).isEqualTo("eastus");
      assertThat(e.at("/target/repository").asText()).isEqualTo("hooks/regional");
      assertThat(e.at("/target/tag").asText()).isEqualTo("v1");
      assertThat(e.at("/target/digest").asText()).isEqualTo(image.digest());
      assertThat(e.at("/target/mediaType").asText()).contains("manifest");
      assertThat(e.at("/target/size").asLong()).isPositive();
      assertThat(e.at("/request/method").asText()).isEqualTo("PUT");
      assertThat(east.received.get(0).header("X-Receiver-Token")).isEqualTo("s3cret");

      for (Receiver.Received r : west.received) {
        JsonNode w = verified(r, westSecret);
        assertThat(w.get("region").asText()).isEqualTo("westeurope");
        assertThat(w.at("/target/digest").asText()).isEqualTo(image.digest());
        assertThat(w.at("/target/tag").asText()).isEqualTo("v1");
      }
      assertThat(distinctIds(east)).isEqualTo(1);
      assertThat(distinctIds(west)).isEqualTo(1);
      List<JsonNode> repl = replicated.received.stream().map(r -> verified(r, replSecret))
          .toList();
      assertThat(repl).allSatisfy(r -> {
        assertThat(r.get("action").asText()).isEqualTo("replicated");
        assertThat(r.get("regions")).hasSize(3);
        assertThat(r.at("/target/tag").asText()).isEqualTo("v1");
      });
      assertThat(distinctIds(replicated)).isEqualTo(1);
    }
  }

  @Test
  void push_whenReceiverFailsFirstCalls_deliversEveryEvent_duplicatesKeepTheirId()
      throws Exception {
    try (Receiver flaky = Receiver.failingFirst(3)) {
      create("eastus", "flakyhook", flaky.uri(), "hooks/flaky:*", List.of("push"), Map.of());
      OciHttpClient.pushImage(runtime.regionEndpoint("eastus"), "hooks/flaky", "a", "flaky-a");
      OciHttpClient.pushImage(runtime.regionEndpoint("eastus"), "hooks/flaky", "b", "flaky-b");

      Eventually.await("both events delivered after failures", LIMIT,
          () -> history("eastus", "flakyhook").findValuesAsText("state").stream()
              .filter("delivered"::equals).count() == 2);
      JsonNode events = history("eastus", "flakyhook").get("events");
      assertThat(events).hasSize(2);
      assertThat(flaky.received.size()).isGreaterThanOrEqualTo(5); // 3 failures + 2 successes
      Set<String> ids = flaky.received.stream().map(r -> r.header("webhook-id"))
          .collect(Collectors.toSet());
      assertThat(ids).hasSize(2);
      for (Receiver.Received r : flaky.received) {
        assertThat(JSON.readTree(r.body()).get("id").asText()).isEqualTo(r.header("webhook-id"));
      }
      // Every retry of one id carried the same body.
      Map<String, Set<String>> bodies = flaky.received.stream().collect(Collectors.groupingBy(
          r -> r.header("webhook-id"), Collectors.mapping(Receiver.Received::text,
              Collectors.toSet())));
      assertThat(bodies.values()).allSatisfy(b -> assertThat(b).hasSize(1));
    }
  }

  @Test
  void push_whenOneReceiverHangs_anotherIsDeliveredMeanwhile() throws Exception {
    try (Receiver hanging = Receiver.hanging(); Receiver fast = Receiver.ok()) {
      create("eastus", "hanghook", hanging.uri(), "hooks/slow:*", List.of("push"), Map.of());
      create("eastus", "fasthook", fast.uri(), "hooks/slow:*", List.of("push"), Map.of());
      OciHttpClient.pushImage(runtime.regionEndpoint("eastus"), "hooks/slow", "v1", "slow-1");
      Eventually.await("the hanging receiver holds a request", LIMIT,
          () -> !hanging.received.isEmpty());
      OciHttpClient.pushImage(runtime.regionEndpoint("eastus"), "hooks/slow", "v2", "slow-2");
      // Both pushes reach the fast receiver while the hanging one still holds its first request
      // (the attempt timeout is 10 s; the hanging receiver is released only by close()).
      Eventually.await("fast receiver got both pushes", LIMIT, () -> distinctIds(fast) >= 2);
      // Still one: its first attempt has not timed out, yet the other webhook got both.
      assertThat(hanging.received).hasSize(1);
    }
  }

  @Test
  void create_whenServiceUriIsPrivateOrMetadata_isRefused() throws Exception {
    for (String uri : List.of("http://10.0.0.7/hook", "http://169.254.169.254/latest/meta-data",
        "http://192.168.1.20:8080/", "ftp://127.0.0.1/x", "http://[::169.254.169.254]/",
        "http://[2002:a9fe:a9fe::1]/", "http://[64:ff9b::a9fe:a9fe]/",
        "http://255.255.255.255/")) {
      HttpResponse<String> r = post("eastus", "webhooks", body("refusedhook", URI.create(uri),
          "", List.of("push"), Map.of()));
      assertThat(r.statusCode()).as(uri).isEqualTo(400);
    }
    assertThat(get("eastus", "webhooks/refusedhook").statusCode()).isEqualTo(404);
  }

  /** Headers that address another service (DynamoDB Local's) are refused. */
  @Test
  void create_whenCustomHeaderIsReserved_isRefusedNamingIt() throws Exception {
    for (String header : List.of("X-Amz-Target", "Authorization", "Host", "webhook-signature")) {
      HttpResponse<String> r = post("eastus", "webhooks", body("reservedhook",
          URI.create("http://127.0.0.1:9/hook"), "", List.of("push"), Map.of(header, "v")));
      assertThat(r.statusCode()).as(header).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).at("/errors/0/message").asText()).contains(header);
    }
    assertThat(get("eastus", "webhooks/reservedhook").statusCode()).isEqualTo(404);
  }

  @Test
  void pingAndHistory_showStatusAndSummaryNotTheReceiversBody_andMaskSecrets() throws Exception {
    try (Receiver r = Receiver.ok()) {
      String secret = create("westeurope", "pinghook", r.uri(), "", List.of("delete"),
          Map.of("X-Receiver-Token", "topsecret"));
      HttpResponse<String> ping = post("westeurope", "webhooks/pinghook/ping", "");
      assertThat(ping.statusCode()).isEqualTo(200);
      JsonNode answer = JSON.readTree(ping.body());
      assertThat(answer.get("status").asInt()).isEqualTo(200);
      assertThat(answer.get("summary").asText()).isEqualTo("HTTP 200, 10 bytes");
      assertThat(ping.body()).doesNotContain("status 200"); // the receiver's body
      JsonNode sent = verified(r.received.get(0), secret);
      assertThat(sent.get("action").asText()).isEqualTo("ping");

      HttpResponse<String> history = get("westeurope", "webhooks/pinghook/events");
      assertThat(history.body()).doesNotContain("topsecret").doesNotContain(secret)
          .doesNotContain("status 200").contains("\"X-Receiver-Token\":\"***\"");
      JsonNode events = JSON.readTree(history.body()).get("events");
      assertThat(events).hasSize(1);
      assertThat(events.get(0).get("action").asText()).isEqualTo("ping");
      assertThat(events.get(0).at("/response/status").asInt()).isEqualTo(200);
      assertThat(get("westeurope", "webhooks/pinghook").body()).doesNotContain(secret)
          .doesNotContain("topsecret");
      assertThat(get("westeurope", "webhooks").body()).contains("pinghook");
    }
  }

  // --- helpers ---

  private static long distinctIds(Receiver r) {
    return r.received.stream().map(x -> x.header("webhook-id")).distinct().count();
  }

  private static JsonNode verified(Receiver.Received r, String secret) {
    return WebhookAdmin.verified(r, secret);
  }

  private static String create(String region, String name, URI uri, String scope,
      List<String> actions, Map<String, String> headers) {
    return WebhookAdmin.create(runtime.regionEndpoint(region), name, uri, scope, actions,
        headers);
  }

  private static String body(String name, URI uri, String scope, List<String> actions,
      Map<String, String> headers) {
    return WebhookAdmin.body(name, uri, scope, actions, headers);
  }

  private static JsonNode history(String region, String name) {
    return WebhookAdmin.history(runtime.regionEndpoint(region), name);
  }

  private static HttpResponse<String> post(String region, String path, String body) {
    return WebhookAdmin.post(runtime.regionEndpoint(region), path, body);
  }

  private static HttpResponse<String> get(String region, String path) {
    return WebhookAdmin.get(runtime.regionEndpoint(region), path);
  }
}
