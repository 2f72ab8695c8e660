package dev.meridian.local.replication;

import dev.meridian.local.TestAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.webhooks.WebhookSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The {@code /meridian/v1/webhooks} API of one region endpoint, for the end-to-end tests. */
public final class WebhookAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private WebhookAdmin() {}

  /** Creates a webhook; returns its secret (shown once). */
  public static String create(URI region, String name, URI uri, String scope, List<String> actions,
      Map<String, String> headers) {
    HttpResponse<String> r = post(region, "webhooks", body(name, uri, scope, actions, headers));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return read(r.body()).get("secret").asText();
  }

  static String body(String name, URI uri, String scope, List<String> actions,
      Map<String, String> headers) {
    ObjectNode node = JSON.createObjectNode().put("name", name).put("serviceUri", uri.toString())
        .put("scope", scope);
    actions.forEach(node.putArray("actions")::add);
    headers.forEach(node.putObject("customHeaders")::put);
    return node.toString();
  }

  /** The webhook's delivery history (up to 100 entries). */
  static JsonNode history(URI region, String name) {
    return read(get(region, "webhooks/" + name + "/events?limit=100").body());
  }

  /** The body, after checking its Standard Webhooks signature with the webhook's secret. */
  public static JsonNode verified(Receiver.Received r, String secret) {
    String expected = WebhookSigner.sign(secret, r.header("webhook-id"),
        Long.parseLong(r.header("webhook-timestamp")), r.body());
    assertThat(r.header("webhook-signature")).isEqualTo(expected);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    return read(r.text());
  }

  static HttpResponse<String> post(URI region, String path, String body) {
    return send(HttpRequest.newBuilder(admin(region, path))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build());
  }

  static HttpResponse<String> get(URI region, String path) {
    return send(HttpRequest.newBuilder(admin(region, path)).GET().build());
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI admin(URI region, String path) {
    return URI.create(region + "/meridian/v1/" + path);
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(TestAdmin.signed(request), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
