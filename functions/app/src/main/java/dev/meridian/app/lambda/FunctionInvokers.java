package dev.meridian.app.lambda;

import dev.meridian.app.MeridianApplication;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Starts Spring Cloud Function's {@link FunctionInvoker} — the {@code Handler} of every Lambda in
 * template.yaml — outside Lambda, the way the Lambda runtime does: {@code MAIN_CLASS}, the
 * function definition and the function's environment are read while its constructor starts the
 * application context. System properties stand in for the environment (as spring-cloud-function's
 * own {@code FunctionInvokerTests} do) and are restored once it has started; starts are
 * serialised, so invokers of different regions and functions coexist in one JVM. For the local
 * runtime's {@code --front lambda} and the Lambda-entry tests.
 */
public final class FunctionInvokers {
  private FunctionInvokers() {}

  /** A started invoker of bean {@code definition} with {@code environment}. */
  public static synchronized FunctionInvoker start(String definition,
      Map<String, String> environment) {
    Map<String, String> all = new LinkedHashMap<>(environment);
    all.put("MAIN_CLASS", MeridianApplication.class.getName());
    all.put("spring.cloud.function.definition", definition);
    Map<String, String> previous = new HashMap<>();
    all.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      return new FunctionInvoker();
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
}
