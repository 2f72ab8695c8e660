package dev.meridian.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.fakes.InMemoryWebhookStore;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.RouteTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook API over the in-memory store; the sender must not be reached by refused input. */
class WebhookRoutesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final InMemoryWebhookStore store = new InMemoryWebhookStore();
  private final WebhookSettings settings = new WebhookSettings("eastus", Duration.ofSeconds(10),
      Backoff.defaults(), new AddressPolicy(true, false));
  private final WebhookSender unreachable = request -> {
    throw new AssertionError("nothing may be sent");
  };
  private final RouteTable routes = RouteTable.of(new WebhookRoutes(store,
      new Deliverer(store, unreachable, settings, clock), settings, clock).routes());

  /**
   * A custom {@code X-Amz-Target} (with a forged {@code Authorization}) sent to
   * DynamoDB Local on loopback listed its tables. Headers that address another protocol, carry
   * credentials, frame the message or are Meridian's own signature are refused by name.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Host", "X-Amz-Target", "x-amz-date", "X-Amz-Security-Token",
      "X-Amzn-Authorization", "X-aws-ec2-metadata-token", "Authorization", "Proxy-Authorization",
      "Cookie", "webhook-id", "Webhook-Timestamp", "webhook-signature", "Content-Length",
      "Content-Type", "Content-Encoding", "Transfer-Encoding", "Connection", "Keep-Alive", "TE",
      "Trailer", "Upgrade", "Expect", "Proxy-Connection", "Metadata-Flavor", "Metadata",
      "Forwarded", "X-Forwarded-For", "Meridian-Client-Address"})
  void create_whenCustomHeaderReserved_400NamingTheHeader_andStoresNothing(String header) {
    assertThatThrownBy(() -> call("POST", "webhooks", create("hookone", header)))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo(OciErrorCode.UNSUPPORTED);
          assertThat(e.getMessage()).contains(header);
        });
    assertThat(store.get("hookone")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Amz-Target", "Authorization", "Host", "webhook-signature",
      "Transfer-Encoding"})
  void update_whenCustomHeaderReserved_400NamingTheHeader_andKeepsTheWebhook(String header) {
    call("POST", "webhooks", create("hookone", "X-Receiver-Token"));
    WebhookConfig before = store.get("hookone").orElseThrow();

    assertThatThrownBy(() -> call("PATCH", "webhooks/hookone",
        "{\"customHeaders\":{\"" + header + "\":\"v\"}}"))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains(header);
        });
    assertThat(store.get("hookone")).contains(before);
  }

  @Test
  void create_whenCustomHeaderValueHasControlCharacter_400NamingTheHeader() {
    assertThatThrownBy(() -> call("POST", "webhooks", "{\"name\":\"hookone\","
        + "\"serviceUri\":\"http://127.0.0.1:9/hook\",\"actions\":[\"push\"],"
        + "\"customHeaders\":{\"X-Receiver-Token\":\"a\\u0000b\"}}"))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("X-Receiver-Token");
        });
  }

  @Test
  void create_whenCustomHeaderIsTheReceiversOwn_201() {
    HttpResponse r = call("POST", "webhooks", create("hookone", "X-Receiver-Token"));

    assertThat(r.status()).isEqualTo(201);
    assertThat(store.get("hookone").orElseThrow().headers())
        .containsEntry("X-Receiver-Token", "v");
  }

  /** The ping answer and the history hold no byte of the receiver's body. */
  @Test
  void ping_answersAndRecordsStatusTimingAndSummary_neverABody() throws Exception {
    WebhookSender answering = request -> new WebhookSender.Response(200, null,
        "application/x-amz-json-1.0", 38, Duration.ofMillis(3), null);
    RouteTable pinging = RouteTable.of(new WebhookRoutes(store,
        new Deliverer(store, answering, settings, clock), settings, clock).routes());
    call("POST", "webhooks", create("hookone", "X-Receiver-Token"));

    HttpResponse ping = pinging.dispatch(request("POST", "webhooks/hookone/ping", ""));
    HttpResponse history = pinging.dispatch(request("GET", "webhooks/hookone/events", ""));

    var answer = WebhookJson.JSON.readTree(text(ping));
    assertThat(answer.get("status").asInt()).isEqualTo(200);
    assertThat(answer.get("summary").asText())
        .isEqualTo("HTTP 200, application/x-amz-json-1.0, 38 bytes");
    assertThat(answer.has("body")).isFalse();
    var attempt = WebhookJson.JSON.readTree(text(history)).at("/events/0/log/0");
    assertThat(attempt.get("summary").asText())
        .isEqualTo("HTTP 200, application/x-amz-json-1.0, 38 bytes");
    assertThat(attempt.get("latencyMillis").asLong()).isEqualTo(3);
    assertThat(attempt.has("body")).isFalse();
  }

  @Test
  void create_withFormatCloudEvents_storesAndShowsIt_andUpdateKeepsIt() throws Exception {
    HttpResponse created = call("POST", "webhooks", "{\"name\":\"hookce\",\"serviceUri\":"
        + "\"http://127.0.0.1:9/hook\",\"actions\":[\"push\"],\"format\":\"cloudevents\"}");
    call("PATCH", "webhooks/hookce", "{\"status\":\"disabled\"}");

    assertThat(WebhookJson.JSON.readTree(text(created)).get("format").asText())
        .isEqualTo("cloudevents");
    assertThat(store.get("hookce").orElseThrow().format()).isEqualTo(WebhookFormat.CLOUDEVENTS);
    assertThatThrownBy(() -> call("POST", "webhooks", "{\"name\":\"hookxx\",\"serviceUri\":"
        + "\"http://127.0.0.1:9/hook\",\"actions\":[\"push\"],\"format\":\"xml\"}"))
        .hasMessageContaining("acr or cloudevents");
  }

  private static String text(HttpResponse r) throws java.io.IOException {
    var out = new java.io.ByteArrayOutputStream();
    r.body().writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String create(String name, String header) {
    return "{\"name\":\"" + name + "\",\"serviceUri\":\"http://127.0.0.1:9/hook\","
        + "\"actions\":[\"push\"],\"customHeaders\":{\"" + header + "\":\"v\"}}";
  }

  private HttpResponse call(String method, String path, String body) {
    return routes.dispatch(request(method, path, body));
  }

  private static HttpRequest request(String method, String path, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new HttpRequest(method, "/meridian/v1/" + path, "", new HttpHeaders(),
        new ByteArrayInputStream(bytes), bytes.length, "reg.test", "http");
  }
}
