package dev.meridian.local.lambda;

import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A region's Lambda functions with {@code --front lambda}: its HTTP API ({@link ApiGatewayFront}
 * before the pull and push entry points) and its {@code replicateS3} entry point, which takes S3's
 * notification JSON as S3 hands it to Lambda. A failed invocation throws, so the notification is
 * retried, as Lambda retries an asynchronous S3 invocation.
 */
public final class RegionLambdas implements Function<HttpRequest, HttpResponse>, AutoCloseable {
  /** template.yaml's ReplicateFunction runs this bean. */
  static final String REPLICATE_S3 = "replicateS3";

  private final ApiGatewayFront http;
  private final LambdaInvoker replicate;

  private RegionLambdas(ApiGatewayFront http, LambdaInvoker replicate) {
    this.http = http;
    this.replicate = replicate;
  }

  public static RegionLambdas start(String region, HttpApiRoutes routes,
      Map<String, Object> environment) {
    // As on AWS, not as in the default front: the tag cache is off, because each function is
    // its own instance and one cannot invalidate another's cache.
    Map<String, Object> env = new HashMap<>(environment);
    env.put("meridian.tag-cache", "false");
    ApiGatewayFront http = ApiGatewayFront.start(region, routes, env);
    try {
      return new RegionLambdas(http,
          LambdaInvoker.start(region + "-ReplicateFunction", REPLICATE_S3, env));
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  @Override
  public HttpResponse apply(HttpRequest request) {
    return http.apply(request);
  }

  /** Invokes {@code replicateS3} with one S3 event's JSON; throws when the invocation fails. */
  public Consumer<String> s3Events() {
    return json -> {
      try {
        replicate.invoke(json.getBytes(StandardCharsets.UTF_8), 900_000);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public void close() {
    http.close();
    replicate.close();
  }
}
