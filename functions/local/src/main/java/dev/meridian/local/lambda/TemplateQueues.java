package dev.meridian.local.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The SQS event sources of template.yaml: for a function (by its {@code
 * spring_cloud_function_definition}), its {@code Type: SQS} event's batch size, batching window
 * and maximum concurrency, and its queue's visibility timeout and redrive {@code
 * maxReceiveCount} — so {@code --front lambda} runs the queue as the template deploys it.
 */
final class TemplateQueues {
  /** A function's queue and the mapping that feeds it. */
  record Source(String definition, String queueResource, Duration visibilityTimeout,
      int maxReceiveCount, SqsEventSource.Settings settings) {}

  private final Map<String, Object> resources;
  private final Map<String, Object> parameters;

  private TemplateQueues(Map<String, Object> template) {
    this.resources = TemplateYaml.map(template, "Resources");
    this.parameters = TemplateYaml.map(template, "Parameters");
  }

  /**
   * The default of a schedule parameter such as {@code WebhookRetryRate: rate(1 minute)}
   * (EventBridge's rate expressions: a positive integer and minute(s), hour(s) or day(s)).
   */
  Duration scheduleRate(String parameter) {
    String rate = String.valueOf(TemplateYaml.map(parameters, parameter).get("Default"));
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("rate\\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\\)").matcher(rate);
    if (!m.matches()) {
      throw new IllegalArgumentException(parameter + " is not a rate expression: " + rate);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).replaceFirst("s$", "")) {
      case "minute" -> Duration.ofMinutes(n);
      case "hour" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  static TemplateQueues parse(String templateText) {
    return new TemplateQueues(TemplateYaml.load(templateText));
  }

  static TemplateQueues bundled() {
    return parse(TemplateYaml.bundled());
  }

  /**
   * The SQS event source of the function running {@code definition}; {@code parameters} gives a
   * template parameter's value where a property is a {@code !Ref} (the region's build capacity
   * for {@code MaximumConcurrency: !Ref BuildCapacity}).
   */
  Source of(String definition, ToIntFunction<String> parameters) {
    for (Object value : resources.values()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> resource = (Map<String, Object>) value;
      Map<String, Object> props = TemplateYaml.map(resource, "Properties");
      Object defined = TemplateYaml.map(TemplateYaml.map(props, "Environment"), "Variables")
          .get("spring_cloud_function_definition");
      if (!"AWS::Serverless::Function".equals(resource.get("Type"))
          || !definition.equals(String.valueOf(defined))) {
        continue;
      }
      for (Object e : TemplateYaml.map(props, "Events").values()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) e;
        if ("SQS".equals(event.get("Type"))) {
          return source(definition, TemplateYaml.map(event, "Properties"), parameters);
        }
      }
    }
    throw new IllegalArgumentException("template.yaml has no SQS event source for " + definition);
  }

  private Source source(String definition, Map<String, Object> event,
      ToIntFunction<String> parameters) {
    // Queue: !GetAtt WebhookQueue.Arn reads as "WebhookQueue.Arn".
    String queue = String.valueOf(event.get("Queue")).replaceFirst("\\.Arn$", "");
    Map<String, Object> queueProps = TemplateYaml.map(TemplateYaml.map(resources, queue),
        "Properties");
    if (queueProps.isEmpty()) {
      throw new IllegalArgumentException(definition + "'s queue " + queue + " is not a resource");
    }
    // Defaults are SQS's and Lambda's own: 30 s visibility, batch size 10, no window, and
    // without ScalingConfig as many pollers as Lambda scales to (here: 2, its minimum setting).
    Duration visibility = Duration.ofSeconds(number(queueProps.get("VisibilityTimeout"), 30,
        parameters));
    int maxReceive = number(TemplateYaml.map(queueProps, "RedrivePolicy").get("maxReceiveCount"),
        0, parameters);
    int batchSize = number(event.get("BatchSize"), 10, parameters);
    Duration window = Duration.ofSeconds(number(event.get("MaximumBatchingWindowInSeconds"), 0,
        parameters));
    int concurrency = number(TemplateYaml.map(event, "ScalingConfig").get("MaximumConcurrency"),
        2, parameters);
    return new Source(definition, queue, visibility, maxReceive,
        new SqsEventSource.Settings(batchSize, window, concurrency));
  }

  private static int number(Object value, int otherwise, ToIntFunction<String> parameters) {
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    String text = value.toString();
    return text.matches("[0-9]+") ? Integer.parseInt(text) : parameters.applyAsInt(text);
  }
}
