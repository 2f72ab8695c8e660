package dev.meridian.app.lambda;

import dev.meridian.app.MeridianApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Starts Spring Cloud Function's {@link FunctionInvoker} — the {@code Handler} of every Lambda in
 * template.yaml — the way the Lambda runtime does, and as spring-cloud-function's own {@code
 * FunctionInvokerTests} do: {@code MAIN_CLASS} and the function definition as system properties
 * (on Lambda: environment variables), then {@code new FunctionInvoker()}, which starts the
 * application context in its constructor. The properties are removed again once it has started,
 * so invokers of different regions and functions can coexist in one JVM.
 */
final class LambdaHarness {

  private final String definition;
  private final FunctionInvoker invoker;

  private LambdaHarness(String definition, FunctionInvoker invoker) {
    this.definition = definition;
    this.invoker = invoker;
  }

  /** Starts the invoker of bean {@code definition} with the region's {@code meridian.*} properties. */
  static synchronized LambdaHarness start(String definition, Map<String, String> properties) {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.put("MAIN_CLASS", MeridianApplication.class.getName());
    all.put("spring.cloud.function.definition", definition);
    Map<String, String> previous = new HashMap<>();
    all.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      return new LambdaHarness(definition, new FunctionInvoker());
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

  /** One invocation: the event's JSON bytes in, the handler's output bytes out. */
  byte[] invoke(byte[] event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new ByteArrayInputStream(event)) {
      invoker.handleRequest(in, out, new InvocationContext(definition, 30_000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] resource(String name) {
    try (InputStream in = LambdaHarness.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource events/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
