package dev.meridian.local.lambda;

import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A region's HTTP API as API Gateway serves it on AWS, in front of the real Lambda entry points:
 * routes from template.yaml ({@link HttpApiRoutes}), payload format 2.0 events ({@link
 * ApiGatewayEvents}) handed to each function's {@code FunctionInvoker} ({@link LambdaInvoker}),
 * and the platform's limits with the platform's own error bodies (AWS quotas for HTTP APIs and
 * Lambda):
 *
 * <ul>
 *   <li>no route: 404 {@code {"message":"Not Found"}};
 *   <li>a request body over 10 MB (HTTP API payload quota): 413 {@code {"message":"Request
 *       Entity Too Large"}};
 *   <li>an event over 6 MB (Lambda's synchronous invocation payload, 6,291,456 bytes): Lambda
 *       refuses the invocation, HTTP API answers 413 with the same body;
 *   <li>no answer within 30 s (the integration timeout): 503 {@code {"message":"Service
 *       Unavailable"}};
 *   <li>a function error or a response over 6 MB: 500 / 502 {@code {"message":"Internal Server
 *       Error"}}.
 * </ul>
 */
public final class ApiGatewayFront implements Function<HttpRequest, HttpResponse>, AutoCloseable {
  static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;
  static final int MAX_INVOCATION_BYTES = 6_291_456;
  static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);

  private final HttpApiRoutes routes;
  private final Map<String, LambdaInvoker> byDefinition;
  private final ExecutorService invocations;
  private final Clock clock;
  private final Duration timeout;

  ApiGatewayFront(HttpApiRoutes routes, Map<String, LambdaInvoker> byDefinition, Clock clock,
      Duration timeout) {
    this.routes = routes;
    this.byDefinition = Map.copyOf(byDefinition);
    this.clock = clock;
    this.timeout = timeout;
    this.invocations = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lambda-invocation");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts one Lambda per function that the routes integrate with (pull and push), each with
   * {@code environment} (the region's {@code meridian.*} properties), named after the region.
   */
  public static ApiGatewayFront start(String region, HttpApiRoutes routes,
      Map<String, Object> environment) {
    Map<String, LambdaInvoker> invokers = new LinkedHashMap<>();
    for (HttpApiRoute r : routes.routes()) {
      invokers.computeIfAbsent(r.definition(), d -> LambdaInvoker.start(
          region + "-" + r.functionLogicalId(), d, environment));
    }
    return new ApiGatewayFront(routes, invokers, Clock.systemUTC(), INTEGRATION_TIMEOUT);
  }

  @Override
  public HttpResponse apply(HttpRequest request) {
    var match = routes.select(request.method(), request.path());
    if (match.isEmpty()) {
      return ApiGatewayEvents.gatewayError(404, "Not Found");
    }
    if (request.contentLength() > MAX_REQUEST_BYTES) {
      return ApiGatewayEvents.gatewayError(413, "Request Entity Too Large");
    }
    byte[] body = readUpTo(request.body(), MAX_REQUEST_BYTES);
    if (body == null) {
      return ApiGatewayEvents.gatewayError(413, "Request Entity Too Large");
    }
    byte[] event = ApiGatewayEvents.event(request, body, match.get(), clock.instant());
    if (event.length > MAX_INVOCATION_BYTES) {
      return ApiGatewayEvents.gatewayError(413, "Request Entity Too Large");
    }
    LambdaInvoker function = byDefinition.get(match.get().route().definition());
    Future<byte[]> answer = invocations.submit(
        () -> function.invoke(event, (int) timeout.toMillis()));
    byte[] json;
    try {
      json = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      return ApiGatewayEvents.gatewayError(503, "Service Unavailable");
    } catch (ExecutionException e) {
      return ApiGatewayEvents.gatewayError(500, "Internal Server Error");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiGatewayEvents.gatewayError(503, "Service Unavailable");
    }
    if (json.length > MAX_INVOCATION_BYTES) {
      return ApiGatewayEvents.gatewayError(502, "Internal Server Error");
    }
    try {
      return ApiGatewayEvents.response(json, request.method().equals("HEAD"));
    } catch (IOException | RuntimeException e) {
      // Not a response object (e.g. Lambda's {"errorMessage":…} of an unhandled exception).
      return ApiGatewayEvents.gatewayError(500, "Internal Server Error");
    }
  }

  /** The body, or null when it is longer than {@code max}. */
  private static byte[] readUpTo(InputStream in, long max) {
    try {
      byte[] bytes = in.readNBytes((int) max + 1);
      return bytes.length > max ? null : bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    invocations.shutdownNow();
    byDefinition.values().forEach(LambdaInvoker::close);
  }
}
