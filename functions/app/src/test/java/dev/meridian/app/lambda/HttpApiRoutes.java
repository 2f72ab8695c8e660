package dev.meridian.app.lambda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of the transformed template's HTTP API (the OpenAPI body SAM generates for
 * {@code HttpApi} events), checked and matched as API Gateway does (Developer Guide, "Create
 * routes for HTTP APIs": a route is a method, or {@code ANY}, and a resource path; a greedy
 * {@code {proxy+}} only at the end; {@code $default} catches what no route matches; and, as
 * observed on AWS and noted in docs/architecture.md "Measured facts", a route path may not end in
 * {@code /}). Matching order: a route without path variables, then one with single-segment
 * variables, then a greedy one (longer literal prefix first), a specific method before {@code ANY},
 * then {@code $default}. A greedy variable needs at least one character, so {@code /v2/} does not
 * match {@code /v2/{proxy+}}; whether API Gateway agrees was not verified, and {@code $default}
 * serves it either way.
 */
final class HttpApiRoutes {

  static final String DEFAULT = "$default";
  private static final String ANY = "x-amazon-apigateway-any-method";
  private static final Pattern FUNCTION = Pattern.compile("\\$\\{(\\w+?)(?:Alias\\w+)?(?:\\.Arn)?}");

  /** A route: method ({@code ANY} for any), path, and the function its integration invokes. */
  record Route(String method, String path, String function) {
    String key() {
      return path.equals(DEFAULT) ? DEFAULT : method + " " + path;
    }
  }

  private final List<Route> routes;

  private HttpApiRoutes(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  static HttpApiRoutes of(Map<String, Object> transformed) {
    List<Route> routes = new ArrayList<>();
    CfnResolver.map(transformed.get("Resources")).values().forEach(r -> {
      Map<String, Object> resource = CfnResolver.map(r);
      if (!"AWS::ApiGatewayV2::Api".equals(resource.get("Type"))) {
        return;
      }
      Map<String, Object> paths = CfnResolver.map(CfnResolver.map(CfnResolver.map(
          resource.get("Properties")).get("Body")).get("paths"));
      paths.forEach((path, methods) -> CfnResolver.map(methods).forEach((method, operation) -> {
        Object uri = CfnResolver.map(CfnResolver.map(operation)
            .get("x-amazon-apigateway-integration")).get("uri");
        Matcher m = FUNCTION.matcher(String.valueOf(uri));
        routes.add(new Route(method.equals(ANY) ? "ANY" : method.toUpperCase(Locale.ROOT), path,
            m.find() ? m.group(1) : String.valueOf(uri)));
      }));
    });
    return new HttpApiRoutes(routes);
  }

  List<Route> routes() {
    return routes;
  }

  /** Why a route's key is invalid for an HTTP API, one line per route (empty: all valid). */
  List<String> invalidRouteKeys() {
    List<String> out = new ArrayList<>();
    for (Route r : routes) {
      String p = r.path();
      if (p.equals(DEFAULT)) {
        continue;
      }
      if (!p.startsWith("/")) {
        out.add(r.key() + ": a route path starts with /");
      } else if (p.length() > 1 && p.endsWith("/")) {
        out.add(r.key() + ": a route path may not end in /");
      } else if (p.contains("//")) {
        out.add(r.key() + ": empty path segment");
      } else if (p.contains("+}") && !p.matches(".*/\\{\\w+\\+}$")) {
        out.add(r.key() + ": a greedy path variable must be the last segment");
      }
    }
    return out;
  }

  /** The route API Gateway would pick for {@code method path} (path without the query). */
  Optional<Route> match(String method, String path) {
    return routes.stream()
        .filter(r -> !r.path().equals(DEFAULT))
        .filter(r -> r.method().equals(method) || r.method().equals("ANY"))
        .filter(r -> matches(r.path(), path))
        .min(Comparator.comparingInt((Route r) -> rank(r.path()))
            .thenComparing(r -> -literalLength(r.path()))
            .thenComparing(r -> r.method().equals("ANY") ? 1 : 0))
        .or(() -> routes.stream().filter(r -> r.path().equals(DEFAULT)).findFirst());
  }

  private static boolean matches(String route, String path) {
    StringBuilder regex = new StringBuilder();
    for (String part : route.split("(?=\\{)|(?<=})")) {
      if (part.matches("\\{\\w+\\+}")) {
        regex.append(".+");
      } else if (part.matches("\\{\\w+}")) {
        regex.append("[^/]+");
      } else {
        regex.append(Pattern.quote(part));
      }
    }
    return path.matches(regex.toString());
  }

  private static int rank(String route) {
    return route.contains("+}") ? 2 : route.contains("{") ? 1 : 0;
  }

  private static int literalLength(String route) {
    return route.replaceAll("\\{[^}]*}", "").length();
  }
}
