package dev.meridian.core.api;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Meridian's own API under {@code /meridian/v1/} (replication status, regions, the regional event
 * log; docs/api.md "Admin API"). {@code path} is what follows {@code /meridian/v1/}. Errors are
 * thrown as {@link dev.meridian.core.error.RegistryException}; {@link RegistryHttpApi} renders them
 * in the OCI error shape like every other failure.
 */
public interface AdminRoutes {
  HttpResponse handle(HttpRequest request, String path);

  /**
   * Runs {@code route}, answering input that failed validation in a record's constructor (an
   * {@link IllegalArgumentException}: a bad webhook name, an unknown build status…) with a 400 in
   * the OCI error shape; the spec's codes have none for a bad JSON field, hence {@code
   * UNSUPPORTED}, as docs/errors.md says.
   */
  static HttpResponse rejectingInvalidInput(Supplier<HttpResponse> route) {
    try {
      return route.get();
    } catch (IllegalArgumentException e) {
      throw new RegistryException(OciErrorCode.UNSUPPORTED, 400, e.getMessage());
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

  /** Refuses any method but {@code allowed} with a 405. */
  static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw methodNotAllowed(method);
    }
  }

  static RegistryException methodNotAllowed(String method) {
    return new RegistryException(OciErrorCode.UNSUPPORTED, 405, "method not allowed: " + method);
  }
}
