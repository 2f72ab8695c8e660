package dev.meridian.core.audit;

import java.time.Duration;

/**
 * @param pullSampleRate the share of successful manifest pulls recorded, 0 (none) to 1 (every
 *     one); pulls are most of a registry's traffic, so full recording is a choice
 * @param retention how long a record is kept; older ones are removed (DynamoDB TTL on AWS, the
 *     region's own prune everywhere) and no longer listed or verified
 */
public record AuditSettings(double pullSampleRate, Duration retention) {
  public static final double DEFAULT_PULL_SAMPLE_RATE = 0.1;
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);

  public AuditSettings {
    if (!(pullSampleRate >= 0 && pullSampleRate <= 1)) {
      throw new IllegalArgumentException("audit pull sample rate must be within 0..1, got "
          + pullSampleRate);
    }
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("audit retention must be positive, got " + retention);
    }
  }

  public static AuditSettings defaults() {
    return new AuditSettings(DEFAULT_PULL_SAMPLE_RATE, DEFAULT_RETENTION);
  }
}
