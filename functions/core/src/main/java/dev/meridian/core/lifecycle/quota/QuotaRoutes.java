package dev.meridian.core.lifecycle.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RouteJson;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code /meridian/v1/quotas}: {@code GET} lists the rules; {@code PUT} with {@code
 * {"repositories":"app/**","bytes":N}} or {@code {"registry":true,"bytes":N}} sets one; {@code
 * DELETE ?repositories=app/**} or {@code ?registry=true} removes one. Changes are written to every
 * region ({@link ReplicatedQuotaStore}); bad input is a 400.
 */
public final class QuotaRoutes implements AdminRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 4096;

  private final QuotaStore store;
  private final Clock clock;

  public QuotaRoutes(QuotaStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public List<Route> routes() {
    RoutePermission admin = RoutePermission.of(RegistryPermission.ADMIN);
    String quotas = RouteTable.PREFIX + "quotas";
    return AdminRoutes.rejectingInvalidInput(List.of(
        Route.of("GET", quotas, admin, (r, p) -> list()),
        Route.of("PUT", quotas, admin, (r, p) -> put(body(r))),
        Route.of("DELETE", quotas, admin, (r, p) -> {
          write("true".equals(r.query("registry")) ? null : required(r.query("repositories")),
              0, true);
          return HttpResponse.of(204);
        })));
  }

  private HttpResponse put(JsonNode body) {
    String repositories = body.path("registry").asBoolean(false) ? null
        : text(body, "repositories");
    if (!body.path("bytes").canConvertToLong()) {
      throw new IllegalArgumentException("bytes must be a whole number of bytes");
    }
    return RouteJson.response(json(write(repositories, body.path("bytes").asLong(), false)));
  }

  /** A new version of the rule's key, above the one held (last writer wins everywhere). */
  private QuotaRule write(String repositories, long bytes, boolean deleted) {
    String key = new QuotaRule(repositories, 0, 0, false).key();
    Optional<QuotaRule> held = store.list().stream().filter(r -> r.key().equals(key)).findFirst();
    long version = Math.max(clock.millis(), held.map(r -> r.version() + 1).orElse(0L));
    QuotaRule rule = new QuotaRule(repositories, bytes, version, deleted);
    store.put(rule);
    return rule;
  }

  private HttpResponse list() {
    ObjectNode body = RouteJson.object();
    ArrayNode rules = body.putArray("quotas");
    store.list().stream().filter(r -> !r.deleted()).forEach(r -> rules.add(json(r)));
    return RouteJson.response(body);
  }

  private static ObjectNode json(QuotaRule rule) {
    ObjectNode node = RouteJson.object();
    if (rule.repositories() == null) {
      node.put("registry", true);
    } else {
      node.put("repositories", rule.repositories());
    }
    return node.put("bytes", rule.bytes()).put("version", rule.version());
  }

  private static JsonNode body(HttpRequest request) {
    try {
      JsonNode node = JSON.readTree(AdminRoutes.readBody(request, MAX_BODY));
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    return required(body.path(field).isTextual() ? body.path(field).asText() : null);
  }

  private static String required(String repositories) {
    if (repositories == null || repositories.isEmpty()) {
      throw new IllegalArgumentException(
          "name the quota: \"repositories\" (a pattern such as app/**) or \"registry\": true");
    }
    return repositories;
  }
}
