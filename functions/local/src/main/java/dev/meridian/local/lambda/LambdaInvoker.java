package dev.meridian.local.lambda;

import dev.meridian.app.lambda.FunctionInvokers;
import dev.meridian.app.lambda.InvocationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * One Lambda function as the Lambda runtime runs it: Spring Cloud Function's {@link
 * FunctionInvoker} (the {@code Handler} of every function in template.yaml), started with {@code
 * MAIN_CLASS} and {@code spring_cloud_function_definition} and the function's environment, then
 * fed event JSON bytes and read back as response JSON bytes.
 *
 * <p>{@link FunctionInvokers} starts it as Lambda would; its beans are created eagerly, because a
 * bean created after the start would no longer see the function's environment.
 */
final class LambdaInvoker {
  private final String name;
  private final FunctionInvoker invoker;

  private LambdaInvoker(String name, FunctionInvoker invoker) {
    this.name = name;
    this.invoker = invoker;
  }

  /** Starts function {@code name} running bean {@code definition} with {@code environment}. */
  static LambdaInvoker start(String name, String definition, Map<String, Object> environment) {
    Map<String, String> env = new LinkedHashMap<>();
    environment.forEach((k, v) -> env.put(k, String.valueOf(v)));
    // Eager beans: a bean created after the start would no longer see the properties.
    env.put("spring.main.lazy-initialization", "false");
    // Five functions per region each start a context: no banner for every one of them.
    env.put("spring.main.banner-mode", "off");
    env.put("context.initializer.classes", LambdaContexts.class.getName());
    env.put(LambdaContexts.NAME_PROPERTY, name);
    return new LambdaInvoker(name, FunctionInvokers.start(definition, env));
  }

  /** One invocation: the event's JSON in, the function's response JSON out. */
  byte[] invoke(byte[] event, int remainingMillis) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new ByteArrayInputStream(event)) {
      invoker.handleRequest(in, out, new InvocationContext(name, remainingMillis));
    }
    return out.toByteArray();
  }

  String name() {
    return name;
  }

  /** Stops the function (its Spring context). */
  void close() {
    LambdaContexts.close(name);
  }
}
