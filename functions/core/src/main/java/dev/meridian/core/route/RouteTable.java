package dev.meridian.core.route;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.RepositoryName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every route under {@code /meridian/v1/}, in the order the capabilities listed them, and the one
 * place a request to them is matched, its permission checked and its handler called:
 *
 * <ol>
 *   <li>the first pattern (in table order) that matches the path is the request's endpoint;
 *   <li>its permission is checked (all routes of one pattern share it);
 *   <li>a method that pattern has no route for is {@code 405 UNSUPPORTED};
 *   <li>a path no pattern matches is {@code 404 NAME_UNKNOWN}, after the permission of its area
 *       (the first segment: {@code webhooks}, {@code builds}…) is checked, so a caller who may
 *       not use an area cannot probe which of its paths exist. An area's permission is the
 *       registry permission its routes need; {@code admin} for areas without one.
 * </ol>
 */
public final class RouteTable {
  /** Where Meridian's own API lives. */
  public static final String PREFIX = "/meridian/v1/";
  private static final RoutePermission UNKNOWN_AREA = RoutePermission.of(RegistryPermission.ADMIN);

  private final List<Route> routes;
  private final Map<String, RoutePermission> areas = new HashMap<>();

  private RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
    Set<String> keys = new HashSet<>();
    Map<PathPattern, RoutePermission> byPattern = new HashMap<>();
    for (Route route : this.routes) {
      if (!route.pattern().template().startsWith(PREFIX)) {
        throw new IllegalArgumentException("a route outside " + PREFIX + ": " + route.key());
      }
      if (!keys.add(route.key())) {
        throw new IllegalArgumentException("two routes for " + route.key());
      }
      RoutePermission held = byPattern.putIfAbsent(route.pattern(), route.permission());
      if (held != null && !held.equals(route.permission())) {
        throw new IllegalArgumentException(route.pattern() + " needs both " + held + " and "
            + route.permission());
      }
      if (route.permission() instanceof RoutePermission.Registry) {
        areas.putIfAbsent(PathPattern.area(route.pattern().template(), PREFIX), route.permission());
      }
    }
  }

  /** The table of {@code routes}; two routes for one method and pattern are refused. */
  public static RouteTable of(List<Route> routes) {
    return new RouteTable(routes);
  }

  public static RouteTable empty() {
    return new RouteTable(List.of());
  }

  public List<Route> routes() {
    return routes;
  }

  public boolean isEmpty() {
    return routes.isEmpty();
  }

  /**
   * Answers {@code request} with every permission granted (an open registry, and tests of the
   * routes themselves); refusals are thrown as {@link RegistryException}.
   */
  public HttpResponse dispatch(HttpRequest request) {
    return handle(request, () -> RouteAccess.OPEN);
  }

  /**
   * Answers {@code request} as its caller: the registry's router calls this with {@code admit},
   * which authenticates (at most once, and only for a route that needs it).
   */
  public HttpResponse handle(HttpRequest request, Supplier<? extends RouteAccess> admit) {
    String path = request.path();
    List<Route> endpoint = endpoint(path);
    if (endpoint.isEmpty()) {
      check(areas.getOrDefault(PathPattern.area(path, PREFIX), UNKNOWN_AREA), Map.of(), request,
          admit);
      throw ErrorKind.NOT_FOUND.because("no such endpoint: " + path);
    }
    Map<String, String> parameters = endpoint.get(0).pattern().match(path);
    check(endpoint.get(0).permission(), parameters, request, admit);
    for (Route route : endpoint) {
      if (route.method().equals(request.method())) {
        return route.handler().handle(request, new Route.PathParameters(parameters));
      }
    }
    throw ErrorKind.METHOD_NOT_ALLOWED.because("method not allowed: " + request.method());
  }

  /** The routes of the first pattern that matches {@code path}, every method of it. */
  private List<Route> endpoint(String path) {
    List<Route> found = new ArrayList<>();
    for (Route route : routes) {
      if (found.isEmpty() ? route.pattern().match(path) != null
          : route.pattern().equals(found.get(0).pattern())) {
        found.add(route);
      }
    }
    return found;
  }

  private static void check(RoutePermission permission, Map<String, String> parameters,
      HttpRequest request, Supplier<? extends RouteAccess> admit) {
    if (permission instanceof RoutePermission.BeforeAuthentication) {
      return;
    }
    RouteAccess access = admit.get();
    CallerName.set(request, access.caller()); // the request log's account, the audit's actor
    if (permission instanceof RoutePermission.Registry registry) {
      access.permission(registry.permission());
    } else if (permission instanceof RoutePermission.Pull pull) {
      access.pull(RepositoryName.parse(parameters.get(pull.parameter())));
    } else if (permission instanceof RoutePermission.SignedByCaller) {
      CallerName.set(request, ""); // nobody's account: the handler checks the signature
    }
  }
}
