package dev.meridian.app;

import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A function that serves only some HTTP methods of the registry handler, mirroring how AWS routes
 * them (GET/HEAD to {@code pull}, the rest to {@code push}). A request with another method gets a
 * 405 {@code UNSUPPORTED} with {@code Allow}, so a mis-routed request fails loudly instead of
 * running with the other function's permissions.
 */
final class MethodScopedFunction implements Function<HttpRequest, HttpResponse> {

  private final String name;
  private final Set<String> methods;
  private final HttpHandler handler;

  MethodScopedFunction(String name, Set<String> methods, HttpHandler handler) {
    this.name = name;
    this.methods = Set.copyOf(methods);
    this.handler = handler;
  }

  @Override
  public HttpResponse apply(HttpRequest request) {
    if (methods.contains(request.method())) {
      return handler.handle(request);
    }
    String allow = String.join(", ", new TreeSet<>(methods));
    RegistryException refused = new RegistryException(ErrorKind.METHOD_NOT_ALLOWED,
        "function " + name + " does not serve " + request.method(), null, Map.of("Allow", allow));
    return RegistryHttpApi.errorResponse(refused, request.method());
  }

  @Override
  public String toString() {
    return name + methods;
  }
}
