package dev.meridian.app.metrics;

import dev.meridian.core.metrics.GlobalMetrics;
import dev.meridian.core.metrics.Metrics;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * On Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set) the process's metrics are CloudWatch EMF lines
 * ({@link EmfMetrics}); elsewhere whatever the runtime installed (the local runtime's Micrometer
 * registry) or nothing. The bean exists so the choice is made when the context starts.
 */
@AutoConfiguration
public class MetricsConfiguration {

  @Bean
  Metrics meridianMetrics() {
    if (onLambda() && !(GlobalMetrics.get() instanceof EmfMetrics)) {
      GlobalMetrics.install(new EmfMetrics(System.out, Clock.systemUTC()));
    }
    return GlobalMetrics.get();
  }

  static boolean onLambda() {
    String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    return name != null && !name.isBlank();
  }
}
