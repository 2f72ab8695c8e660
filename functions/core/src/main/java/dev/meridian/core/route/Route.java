package dev.meridian.core.route;

import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One endpoint of Meridian's own API: {@code method} on {@code pattern} needs {@code permission}
 * and is answered by {@code handler}. Each capability lists its routes ({@link AdminRoutes}); the
 * {@link RouteTable} matches, checks the permission and the method, and calls the handler, which
 * throws {@link dev.meridian.core.error.RegistryException} for anything it refuses.
 */
public record Route(String method, PathPattern pattern, RoutePermission permission,
    Handler handler) {

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(handler, "handler");
  }

  /** {@code pattern} as {@link PathPattern#parse} reads it. */
  public static Route of(String method, String pattern, RoutePermission permission,
      Handler handler) {
    return new Route(method, PathPattern.parse(pattern), permission, handler);
  }

  /** This route with its handler wrapped (a capability's way to map its own exceptions). */
  public Route wrapped(UnaryOperator<Handler> wrapper) {
    return new Route(method, pattern, permission, wrapper.apply(handler));
  }

  /** "GET /meridian/v1/webhooks/{name}": how docs/api.md and the route table's test name it. */
  public String key() {
    return method + " " + pattern.template();
  }

  /** Answers one request that matched the route; {@code path} holds the pattern's parameters. */
  @FunctionalInterface
  public interface Handler {
    HttpResponse handle(HttpRequest request, PathParameters path);
  }

  /** The values of a pattern's {@code {name}} parameters in one request's path. */
  public record PathParameters(Map<String, String> values) {
    public PathParameters {
      values = Map.copyOf(values);
    }

    public String get(String name) {
      String value = values.get(name);
      if (value == null) {
        throw new IllegalStateException("the route has no parameter " + name);
      }
      return value;
    }
  }
}
