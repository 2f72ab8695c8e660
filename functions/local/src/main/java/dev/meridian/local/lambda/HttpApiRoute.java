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

  public HttpApiRoute {
    method = method.toUpperCase(Locale.ROOT);
  }

  /** {@code GET /v2/{proxy+}}: the event's {@code routeKey}. */
  public String routeKey() {
    return method + " " + path;
  }

  boolean greedy() {
    return path.endsWith("+}");
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
