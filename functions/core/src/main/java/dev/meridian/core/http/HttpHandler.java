package dev.meridian.core.http;

/**
 * The plain Java HTTP handler that sits between every runtime and the registry
 * (docs/architecture.md "Measured facts": one handler in the middle, a thin local adapter and a
 * thin Lambda adapter around it). It never throws: failures come back as OCI error responses.
 */
@FunctionalInterface
public interface HttpHandler {
  HttpResponse handle(HttpRequest request);
}
