package dev.meridian.app.audit;

import dev.meridian.core.audit.AuditSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit log's settings ({@code MERIDIAN_AUDIT_*}; docs/console.md "Audit log").
 *
 * @param pullSampleRate share of successful manifest pulls recorded ({@code
 *     MERIDIAN_AUDIT_PULL_SAMPLE_RATE}, 0 to 1, default 0.1; 1 records every pull)
 * @param retention how long records are kept ({@code MERIDIAN_AUDIT_RETENTION}, default 365d)
 * @param pullWrites how pull records are written ({@code MERIDIAN_AUDIT_PULL_WRITES}): {@code
 *     background} (queued, batched, best effort; the default) or {@code inline} (on the request
 *     thread; the default on AWS Lambda, whose threads are frozen between invocations)
 */
@ConfigurationProperties("meridian.audit")
public record AuditProperties(Double pullSampleRate, Duration retention, String pullWrites) {
  public static final String BACKGROUND = "background";
  public static final String INLINE = "inline";

  public AuditProperties {
    pullSampleRate = pullSampleRate == null ? AuditSettings.DEFAULT_PULL_SAMPLE_RATE
        : pullSampleRate;
    retention = retention == null ? AuditSettings.DEFAULT_RETENTION : retention;
    if (pullWrites != null && !pullWrites.isBlank() && !pullWrites.equals(BACKGROUND)
        && !pullWrites.equals(INLINE)) {
      throw new IllegalArgumentException("meridian.audit.pull-writes must be " + BACKGROUND
          + " or " + INLINE + ", not " + pullWrites);
    }
  }

  /**
   * Whether pull records go to a background writer: as set, else unless on AWS Lambda.
   *
   * @param lambdaFunctionName {@code AWS_LAMBDA_FUNCTION_NAME}, which the Lambda runtime sets
   */
  public boolean pullsInBackground(String lambdaFunctionName) {
    if (pullWrites == null || pullWrites.isBlank()) {
      return lambdaFunctionName == null || lambdaFunctionName.isBlank();
    }
    return pullWrites.equals(BACKGROUND);
  }

  public AuditSettings settings() {
    return new AuditSettings(pullSampleRate, retention);
  }
}
