package dev.meridian.core.api;

import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;

/**
 * Meridian's own API under {@code /meridian/v1/} (replication status, regions, the regional event
 * log; docs/api.md "Admin API"). {@code path} is what follows {@code /meridian/v1/}. Errors are
 * thrown as {@link dev.meridian.core.error.RegistryException}; {@link RegistryHttpApi} renders them
 * in the OCI error shape like every other failure.
 */
public interface AdminRoutes {
  HttpResponse handle(HttpRequest request, String path);
}
