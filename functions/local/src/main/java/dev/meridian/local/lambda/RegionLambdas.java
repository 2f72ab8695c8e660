package dev.meridian.local.lambda;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A region's Lambda functions with {@code --front lambda}: its HTTP API ({@link ApiGatewayFront}
 * before the pull and push entry points) and its {@code replicateS3} entry point, which takes S3's
 * notification JSON as S3 hands it to Lambda. A failed invocation throws, so the notification is
 * retried, as Lambda retries an asynchronous S3 invocation. Once started, its webhook and
 * build queues feed the {@code dispatchWebhooksQueue} and {@code runBuildQueue} entry points
 * with SQS's batch events ({@link RegionQueues}).
 */
public final class RegionLambdas implements Function<HttpRequest, HttpResponse>, AutoCloseable {
  /** template.yaml's ReplicateFunction runs this bean. */
  static final String REPLICATE_S3 = "replicateS3";

  private final String region;
  private final Map<String, Object> environment;
  private final ApiGatewayFront http;
  private final LambdaInvoker replicate;
  private volatile RegionQueues queues;

  private RegionLambdas(String region, Map<String, Object> environment, ApiGatewayFront http,
      LambdaInvoker replicate) {
    this.region = region;
    this.environment = environment;
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
      return new RegionLambdas(region, env, http,
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

  /**
   * Starts the region's webhook and build queues and their Lambda consumers ({@link
   * RegionQueues}), once the table exists.
   *
   * @param queuedRuns the IDs of the region's runs still queued in its table
   * @param buildCapacity the region's {@code BuildCapacity}
   */
  public synchronized void startQueues(MeridianProperties properties, List<String> queuedRuns,
      int buildCapacity) {
    if (queues != null) {
      throw new IllegalStateException(region + ": queues already started");
    }
    TemplateQueues template = TemplateQueues.bundled();
    queues = RegionQueues.start(region, properties, environment, queuedRuns, buildCapacity,
        template, template.scheduleRate("WebhookRetryRate"));
  }

  @Override
  public void close() {
    RegionQueues q = queues;
    if (q != null) {
      q.close();
    }
    http.close();
    replicate.close();
  }
}
