package dev.meridian.core.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The webhook API's wire shapes. Nothing secret leaves through here except the secret in the
 * create response (shown once, as ACR and Standard Webhooks providers do): custom header values
 * (where {@code Authorization} goes), a service URI's user info and query (often a token) and the
 * signature are masked.
 */
final class WebhookJson {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String MASK = "***";
  private WebhookJson() {}

  static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("request body must be a JSON object");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("request body is not JSON: " + e.getMessage());
    }
  }

  static ObjectNode config(WebhookConfig c) {
    ObjectNode node = JSON.createObjectNode()
        .put("name", c.name())
        .put("serviceUri", maskedUri(c.serviceUri()))
        .put("scope", c.scope().text())
        .put("status", c.enabled() ? "enabled" : "disabled")
        .put("format", c.format().wireName())
        .put("createdAt", c.createdAt() == null ? null : c.createdAt().toString());
    ArrayNode actions = node.putArray("actions");
    c.actions().stream().map(WebhookAction::wireName).sorted().forEach(actions::add);
    ObjectNode headers = node.putObject("customHeaders");
    c.headers().keySet().stream().sorted().forEach(h -> headers.put(h, MASK));
    return node;
  }

  static ObjectNode delivery(Delivery d, WebhookConfig c) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", d.id())
        .put("eventId", d.eventId())
        .put("action", d.action().wireName())
        .put("state", d.state().name().toLowerCase(Locale.ROOT))
        .put("createdAt", d.createdAt().toString())
        .put("nextAttemptAt", d.state() == Delivery.State.PENDING
            ? d.nextAttemptAt().toString() : null)
        .put("attempts", d.attemptCount());
    ObjectNode request = node.putObject("request");
    request.put("method", "POST").put("uri", c == null ? null : maskedUri(c.serviceUri()));
    ObjectNode headers = request.putObject("headers");
    if (c != null) {
      c.headers().keySet().forEach(h -> headers.put(h, MASK));
    }
    headers.put("Content-Type", c == null ? "application/json" : c.format().contentType())
        .put(WebhookSigner.ID_HEADER, d.id());
    headers.put(WebhookSigner.SIGNATURE_HEADER, "v1," + MASK);
    request.set("body", readTreeOrText(d.body()));
    Delivery.Attempt last = d.attempts().isEmpty() ? null : d.attempts().get(d.attempts().size() - 1);
    node.set("response", last == null ? null : attempt(last));
    ArrayNode log = node.putArray("log");
    d.attempts().forEach(a -> log.add(attempt(a)));
    return node;
  }

  static ObjectNode attempt(Delivery.Attempt a) {
    return JSON.createObjectNode()
        .put("at", a.at().toString())
        .put("status", a.status() < 0 ? null : a.status())
        .put("latencyMillis", a.latencyMillis())
        .put("error", a.error())
        .put("summary", a.summary());
  }

  /** Scheme, host, port and path only: user info and query may carry credentials. */
  static String maskedUri(URI uri) {
    String base = uri.getScheme() + "://" + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? ""
        : uri.getRawPath());
    return uri.getRawQuery() == null ? base : base + "?" + MASK;
  }

  static HttpResponse response(int status, JsonNode body) {
    try {
      return new HttpResponse(status, new HttpHeaders().set("Content-Type", "application/json"),
          ResponseBody.of(JSON.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render webhook JSON", e);
    }
  }

  static Map<String, String> stringMap(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new IllegalArgumentException(field + " must be an object of strings");
    }
    Map<String, String> map = new java.util.LinkedHashMap<>();
    value.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
    return map;
  }

  private static JsonNode readTreeOrText(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }
}
