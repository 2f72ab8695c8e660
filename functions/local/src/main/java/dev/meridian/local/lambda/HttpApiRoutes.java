package dev.meridian.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of template.yaml's HTTP API, selected as API Gateway selects them (Developer
 * Guide, "Routing API requests" for HTTP APIs): an exact path match first, then the greedy route
 * with the longest prefix, then the {@code $default} route (an {@code HttpApi} event without
 * {@code Path} and {@code Method}); a route's method must match or be {@code ANY}. A request no
 * route takes gets API Gateway's own {@code 404 {"message":"Not Found"}}.
 */
public final class HttpApiRoutes {
  private final List<HttpApiRoute> routes;

  HttpApiRoutes(List<HttpApiRoute> routes) {
    this.routes = List.copyOf(routes);
  }

  public static HttpApiRoutes fromBundledTemplate() {
    return parse(TemplateYaml.bundled());
  }

  public static HttpApiRoutes fromFile(Path template) {
    try {
      return parse(Files.readString(template));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code Type: HttpApi} event of every {@code AWS::Serverless::Function}. */
  @SuppressWarnings("unchecked")
  public static HttpApiRoutes parse(String templateText) {
    Map<String, Object> template = (Map<String, Object>) TemplateYaml.load(templateText);
    Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
    List<HttpApiRoute> routes = new ArrayList<>();
    resources.forEach((id, value) -> {
      Map<String, Object> resource = (Map<String, Object>) value;
      if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
        return;
      }
      Map<String, Object> props = (Map<String, Object>) resource.get("Properties");
      Map<String, Object> events = (Map<String, Object>) props.get("Events");
      if (events == null) {
        return;
      }
      String definition = definition(props);
      for (Object e : events.values()) {
        Map<String, Object> event = (Map<String, Object>) e;
        if (!"HttpApi".equals(event.get("Type"))) {
          continue;
        }
        Map<String, Object> p = (Map<String, Object>) event.get("Properties");
        // SAM: an HttpApi event without Path and Method is the API's $default route.
        String path = p == null || p.get("Path") == null ? HttpApiRoute.DEFAULT
            : String.valueOf(p.get("Path"));
        String method = p == null || p.get("Method") == null ? "ANY"
            : String.valueOf(p.get("Method"));
        if (path.length() > 1 && path.endsWith("/")) {
          // CloudFormation refuses such a route key at deploy time ("invalid route key").
          throw new IllegalArgumentException(id + ": HTTP API route path " + path
              + " ends in '/', which API Gateway does not accept");
        }
        routes.add(new HttpApiRoute(method, path, id, definition));
      }
    });
    return new HttpApiRoutes(routes);
  }

  public List<HttpApiRoute> routes() {
    return routes;
  }

  /**
   * The route API Gateway would pick for this request, with its greedy variable's value. A
   * trailing slash does not take part in matching an exact route ({@code GET /v2/} is served by
   * the route {@code GET /v2}; observed on HTTP APIs, aws-powertools/powertools-lambda-python#1552),
   * while the event's {@code rawPath} keeps it.
   */
  public Optional<Match> select(String method, String path) {
    String unslashed = path.length() > 1 && path.endsWith("/")
        ? path.substring(0, path.length() - 1) : path;
    for (HttpApiRoute r : routes) {
      if (!r.greedy() && !r.isDefault() && (r.path().equals(path) || r.path().equals(unslashed))
          && r.allows(method)) {
        return Optional.of(new Match(r, null));
      }
    }
    return routes.stream()
        .filter(HttpApiRoute::greedy)
        .filter(r -> r.allows(method))
        .sorted(Comparator.comparingInt((HttpApiRoute r) -> r.greedyPrefix().length()).reversed()
            .thenComparing(r -> r.method().equals("ANY")))
        .flatMap(r -> r.proxy(path).map(proxy -> new Match(r, proxy)).stream())
        .findFirst()
        .or(() -> routes.stream().filter(HttpApiRoute::isDefault).findFirst()
            .map(r -> new Match(r, null)));
  }

  /** A selected route and its greedy variable's value (null for an exact route). */
  public record Match(HttpApiRoute route, String proxy) {}

  @SuppressWarnings("unchecked")
  private static String definition(Map<String, Object> props) {
    Map<String, Object> env = (Map<String, Object>) props.get("Environment");
    Map<String, Object> vars = env == null ? null : (Map<String, Object>) env.get("Variables");
    Object definition = vars == null ? null : vars.get("spring_cloud_function_definition");
    return definition == null ? null : definition.toString();
  }
}
