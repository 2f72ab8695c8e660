package dev.meridian.core.api;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
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
}
