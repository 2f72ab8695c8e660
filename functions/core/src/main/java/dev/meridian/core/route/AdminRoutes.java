package dev.meridian.core.route;

import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * A capability's part of Meridian's own API under {@code /meridian/v1/} (docs/api.md "Admin
 * API"): the routes it contributes to the {@link RouteTable}. An absent capability contributes
 * none. Handlers throw {@link RegistryException}; {@link RegistryHttpApi} renders it in the OCI
 * error shape like every other failure.
 */
public interface AdminRoutes {
  List<Route> routes();

  /**
   * {@code routes} answering input that failed validation in a record's constructor (an {@link
   * IllegalArgumentException}: a bad webhook name, an unknown build status…) with a 400 in the
   * OCI error shape; the spec's codes have none for a bad JSON field, hence {@code UNSUPPORTED},
   * as docs/errors.md says.
   */
  static List<Route> rejectingInvalidInput(List<Route> routes) {
    return routes.stream().map(route -> route.wrapped(handler -> (request, path) ->
        rejectingInvalidInput(() -> handler.handle(request, path)))).toList();
  }

  /** Runs {@code route}, answering an {@link IllegalArgumentException} with a 400. */
  static HttpResponse rejectingInvalidInput(Supplier<HttpResponse> route) {
    try {
      return route.get();
    } catch (IllegalArgumentException e) {
      throw ErrorKind.INVALID_INPUT.because(e.getMessage());
    }
  }

  /** The request body, at most {@code max} bytes; a larger or unreadable one is invalid input. */
  static byte[] readBody(HttpRequest request, int max) {
    try {
      byte[] bytes = request.body().readNBytes(max + 1);
      if (bytes.length > max) {
        throw new IllegalArgumentException("request body over " + max + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read request body: " + e.getMessage());
    }
  }
}
