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
 */
@ConfigurationProperties("meridian.audit")
public record AuditProperties(Double pullSampleRate, Duration retention) {

  public AuditProperties {
    pullSampleRate = pullSampleRate == null ? AuditSettings.DEFAULT_PULL_SAMPLE_RATE
        : pullSampleRate;
    retention = retention == null ? AuditSettings.DEFAULT_RETENTION : retention;
  }

  public AuditSettings settings() {
    return new AuditSettings(pullSampleRate, retention);
  }
}
