package dev.meridian.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /meridian/v1/webhooks...} (docs/webhooks.md): create, get, update, delete and list a
 * region's webhooks, page through a webhook's deliveries, ping, and redeliver; the {@code
 * webhooks} permission. Errors use the OCI error shape like the rest of the admin
 * API: bad input 400 {@code UNSUPPORTED} (a bad name {@code NAME_INVALID}), unknown webhook or
 * delivery 404 {@code NAME_UNKNOWN}, an existing name 409.
 */
public final class WebhookRoutes implements AdminRoutes {
  private static final int MAX_BODY = 64 * 1024;
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;

  private final WebhookStore store;
  private final Deliverer deliverer;
  private final WebhookSettings settings;
  private final Clock clock;

  public WebhookRoutes(WebhookStore store, Deliverer deliverer, WebhookSettings settings,
      Clock clock) {
    this.store = store;
    this.deliverer = deliverer;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public List<Route> routes() {
    RoutePermission webhooks = RoutePermission.of(RegistryPermission.WEBHOOKS);
    String all = RouteTable.PREFIX + "webhooks";
    String one = all + "/{name}";
    return AdminRoutes.rejectingInvalidInput(List.of(
        Route.of("GET", all, webhooks, (r, p) -> list()),
        Route.of("POST", all, webhooks, (r, p) -> create(body(r))),
        Route.of("POST", one + "/events/{id}/redeliver", webhooks,
            (r, p) -> redeliver(p.get("name"), p.get("id"))),
        Route.of("GET", one + "/events", webhooks, (r, p) -> history(existing(p.get("name")), r)),
        Route.of("POST", one + "/ping", webhooks, (r, p) -> ping(existing(p.get("name")))),
        Route.of("GET", one, webhooks,
            (r, p) -> WebhookJson.response(200, WebhookJson.config(existing(p.get("name"))))),
        Route.of("PATCH", one, webhooks, (r, p) -> update(existing(p.get("name")), body(r))),
        Route.of("PUT", one, webhooks, (r, p) -> update(existing(p.get("name")), body(r))),
        Route.of("DELETE", one, webhooks, (r, p) -> delete(p.get("name")))));
  }

  private HttpResponse list() {
    ObjectNode body = WebhookJson.JSON.createObjectNode().put("region", settings.region());
    ArrayNode hooks = body.putArray("webhooks");
    store.list().forEach(c -> hooks.add(WebhookJson.config(c)));
    return WebhookJson.response(200, body);
  }

  private HttpResponse create(JsonNode body) {
    String name = text(body, "name");
    if (name == null || !name.matches("[a-z0-9]{5,50}")) {
      throw new RegistryException(ErrorKind.NAME_INVALID,
          "webhook name must be 5 to 50 lower-case letters and digits");
    }
    String secret = text(body, "secret");
    WebhookConfig config = new WebhookConfig(name, serviceUri(body, null),
        customHeaders(body), actions(body, null),
        WebhookScope.parse(text(body, "scope")), enabled(body, true),
        secret == null ? WebhookSigner.newSecret() : secret, clock.instant(),
        WebhookFormat.parse(text(body, "format")));
    if (!store.create(config)) {
      throw ErrorKind.CONFLICT.because("webhook " + name + " exists");
    }
    // The only response that carries the secret: receivers need it to verify signatures.
    ObjectNode out = WebhookJson.config(config).put("secret", config.secret());
    return WebhookJson.response(201, out).header("Location", "/meridian/v1/webhooks/" + name);
  }

  private HttpResponse update(WebhookConfig old, JsonNode body) {
    String scope = body.has("scope") ? text(body, "scope") : old.scope().text();
    var headers = customHeaders(body);
    WebhookConfig config = new WebhookConfig(old.name(), serviceUri(body, old.serviceUri()),
        headers == null ? old.headers() : headers, actions(body, old.actions()),
        WebhookScope.parse(scope), enabled(body, old.enabled()), old.secret(), old.createdAt(),
        body.has("format") ? WebhookFormat.parse(text(body, "format")) : old.format());
    store.update(config);
    return WebhookJson.response(200, WebhookJson.config(config));
  }

  private HttpResponse delete(String name) {
    if (!store.delete(name)) {
      throw unknown(name);
    }
    return HttpResponse.of(204);
  }

  private HttpResponse history(WebhookConfig config, HttpRequest request) {
    int limit = DEFAULT_PAGE;
    String n = request.query("limit");
    if (n != null) {
      try {
        limit = Math.min(MAX_PAGE, Integer.parseInt(n));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be a positive integer, got " + n);
      }
    }
    List<Delivery> page = store.history(config.name(), request.query("after"), limit);
    ObjectNode body = WebhookJson.JSON.createObjectNode().put("webhook", config.name());
    ArrayNode events = body.putArray("events");
    page.forEach(d -> events.add(WebhookJson.delivery(d, config)));
    String next = page.size() == limit ? page.get(page.size() - 1).id() : null;
    body.put("next", next);
    HttpResponse response = WebhookJson.response(200, body);
    if (next != null) {
      response.header("Link", "</meridian/v1/webhooks/" + config.name() + "/events?after=" + next
          + "&limit=" + limit + ">; rel=\"next\"");
    }
    return response;
  }

  /**
   * Sends a ping now (not retried), records it in the history, and answers with its status,
   * timing and summary — never the receiver's body, which would make the ping a way to read any
   * service the region may reach (issue 16 item 9).
   */
  private HttpResponse ping(WebhookConfig config) {
    Instant now = clock.instant();
    String id = java.util.UUID.randomUUID().toString();
    Delivery d = Delivery.pending(config.name(), id, null, WebhookAction.PING,
        WebhookPayloads.ping(config.format(), id, now, settings.region()), now);
    WebhookSender.Response r = deliverer.send(config, id, d.bodyBytes());
    Delivery done = d.after(Deliverer.attempt(now, r),
        r.successful() ? Delivery.State.DELIVERED : Delivery.State.FAILED, now);
    store.enqueue(done);
    ObjectNode body = WebhookJson.JSON.createObjectNode().put("id", id)
        .put("status", r.status() < 0 ? null : r.status())
        .put("latencyMillis", r.latency().toMillis())
        .put("error", r.error())
        .put("summary", r.summary());
    return WebhookJson.response(200, body);
  }

  private HttpResponse redeliver(String name, String id) {
    existing(name);
    Delivery d = store.delivery(name, id).orElseThrow(() -> ErrorKind.NOT_FOUND.because("no delivery " + id + " of webhook " + name));
    if (d.action() == WebhookAction.PING) {
      throw new IllegalArgumentException("pings are not redelivered; ping again");
    }
    Delivery again = d.redeliver(clock.instant());
    store.save(again);
    return WebhookJson.response(202, WebhookJson.delivery(again, store.get(name).orElse(null)));
  }

  private URI serviceUri(JsonNode body, URI absent) {
    String text = text(body, "serviceUri");
    if (text == null) {
      if (absent == null) {
        throw new IllegalArgumentException("serviceUri is required");
      }
      return absent;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("serviceUri is not a URI: " + e.getMessage());
    }
    String refused = settings.addresses().refusal(uri);
    if (refused != null) {
      throw new IllegalArgumentException(refused);
    }
    return uri;
  }

  /** The body's {@code customHeaders}, or null when absent; reserved names are refused. */
  private static Map<String, String> customHeaders(JsonNode body) {
    Map<String, String> headers = WebhookJson.stringMap(body, "customHeaders");
    if (headers != null) {
      CustomHeaders.check(headers);
    }
    return headers;
  }

  private static Set<WebhookAction> actions(JsonNode body, Set<WebhookAction> absent) {
    JsonNode node = body.get("actions");
    if (node == null || node.isNull()) {
      if (absent == null) {
        throw new IllegalArgumentException("actions is required: push, delete, replicated");
      }
      return absent;
    }
    Set<WebhookAction> actions = EnumSet.noneOf(WebhookAction.class);
    node.forEach(a -> actions.add(WebhookAction.parse(a.asText())));
    actions.remove(WebhookAction.PING); // implicit: ping is an explicit call, never an event
    return actions;
  }

  private static boolean enabled(JsonNode body, boolean absent) {
    String status = text(body, "status");
    if (status == null) {
      return absent;
    }
    return switch (status) {
      case "enabled" -> true;
      case "disabled" -> false;
      default -> throw new IllegalArgumentException("status must be enabled or disabled");
    };
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private WebhookConfig existing(String name) {
    return store.get(name).orElseThrow(() -> unknown(name));
  }

  private static RegistryException unknown(String name) {
    return ErrorKind.NOT_FOUND.because("no webhook " + name);
  }

  private static JsonNode body(HttpRequest request) {
    return WebhookJson.parse(AdminRoutes.readBody(request, MAX_BODY));
  }
}
