package dev.meridian.local.lambda;

import java.util.Locale;
import java.util.Optional;

/**
 * One route of an API Gateway HTTP API as template.yaml declares it ({@code Type: HttpApi}
 * events of a function): a method ({@code ANY} for all), a path that is exact or ends in one
 * greedy variable ({@code /v2/{proxy+}}), and the function it integrates with, named by its
 * {@code spring_cloud_function_definition} (the bean the Lambda runs).
 */
public record HttpApiRoute(String method, String path, String functionLogicalId,
    String definition) {
  /** The catch-all route: an {@code HttpApi} event without {@code Path} and {@code Method}. */
  public static final String DEFAULT = "$default";

  public HttpApiRoute {
    method = method.toUpperCase(Locale.ROOT);
  }

  /** {@code GET /v2/{proxy+}}, or {@code $default}: the event's {@code routeKey}. */
  public String routeKey() {
    return isDefault() ? DEFAULT : method + " " + path;
  }

  boolean isDefault() {
    return path.equals(DEFAULT);
  }

  boolean greedy() {
    return !isDefault() && path.endsWith("+}");
  }

  /** The part of {@code path} before the greedy variable, with its slash: {@code /v2/}. */
  String greedyPrefix() {
    return path.substring(0, path.lastIndexOf('{'));
  }

  boolean allows(String requestMethod) {
    return method.equals("ANY") || method.equals(requestMethod);
  }

  /**
   * The greedy variable's value when {@code requestPath} falls under this route: the rest after
   * the prefix, which must not be empty (a greedy variable catches one or more segments, so
   * {@code /v2/} itself does not match {@code /v2/{proxy+}}).
   */
  Optional<String> proxy(String requestPath) {
    String prefix = greedyPrefix();
    if (!requestPath.startsWith(prefix) || requestPath.length() == prefix.length()) {
      return Optional.empty();
    }
    return Optional.of(requestPath.substring(prefix.length()));
  }

  /** The greedy variable's name: {@code proxy} of {@code {proxy+}}. */
  String variable() {
    return path.substring(path.lastIndexOf('{') + 1, path.length() - 2);
  }
}
