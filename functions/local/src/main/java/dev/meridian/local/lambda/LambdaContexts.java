package dev.meridian.local.lambda;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps the Spring context of each {@link LambdaInvoker}, which {@code FunctionInvoker} starts
 * and never hands out, so that a runtime that stops can close its functions. Spring Boot applies
 * it through {@code context.initializer.classes}; it finds its function by the {@code
 * meridian.local.lambda-name} property.
 */
public final class LambdaContexts implements
    ApplicationContextInitializer<ConfigurableApplicationContext> {
  static final String NAME_PROPERTY = "meridian.local.lambda-name";
  private static final Map<String, ConfigurableApplicationContext> CONTEXTS =
      new ConcurrentHashMap<>();

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String name = context.getEnvironment().getProperty(NAME_PROPERTY);
    if (name != null) {
      CONTEXTS.put(name, context);
    }
  }

  static void close(String name) {
    ConfigurableApplicationContext context = CONTEXTS.remove(name);
    if (context != null) {
      context.close();
    }
  }
}
