package dev.meridian.local.lambda;

import dev.meridian.app.MeridianApplication;
import dev.meridian.app.lambda.InvocationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * One Lambda function as the Lambda runtime runs it: Spring Cloud Function's {@link
 * FunctionInvoker} (the {@code Handler} of every function in template.yaml), started with {@code
 * MAIN_CLASS} and {@code spring_cloud_function_definition} and the function's environment, then
 * fed event JSON bytes and read back as response JSON bytes.
 *
 * <p>The invoker reads its configuration from the process environment and system properties
 * while it starts; system properties stand in for the environment here and are restored once it
 * has started (starts are serialised), so the functions of several regions live in one JVM. Its
 * beans are created eagerly for the same reason: a bean created later would no longer see them.
 */
final class LambdaInvoker {
  private final String name;
  private final FunctionInvoker invoker;

  private LambdaInvoker(String name, FunctionInvoker invoker) {
    this.name = name;
    this.invoker = invoker;
  }

  /** Starts function {@code name} running bean {@code definition} with {@code environment}. */
  static synchronized LambdaInvoker start(String name, String definition,
      Map<String, Object> environment) {
    Map<String, String> all = new LinkedHashMap<>();
    environment.forEach((k, v) -> all.put(k, String.valueOf(v)));
    all.put("spring.main.lazy-initialization", "false");
    all.put("MAIN_CLASS", MeridianApplication.class.getName());
    all.put("spring.cloud.function.definition", definition);
    all.put("context.initializer.classes", LambdaContexts.class.getName());
    all.put(LambdaContexts.NAME_PROPERTY, name);
    Map<String, String> previous = new HashMap<>();
    all.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      return new LambdaInvoker(name, new FunctionInvoker());
    } finally {
      previous.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
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
