package dev.meridian.app.lifecycle;

import dev.meridian.core.lifecycle.gc.GcSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The region's garbage collection settings ({@code MERIDIAN_GC_*}; docs/lifecycle.md).
 *
 * @param grace a blob unused for less than this is never collected ({@code MERIDIAN_GC_GRACE},
 *     default 24h; must stay longer than any push request lasts)
 * @param runsKept run reports kept in the bucket ({@code MERIDIAN_GC_RUNS_KEPT}, default 100)
 */
@ConfigurationProperties("meridian.gc")
public record GcProperties(Duration grace, Integer runsKept) {
  public GcProperties {
    grace = grace == null ? GcSettings.DEFAULT_GRACE : grace;
    runsKept = runsKept == null ? 100 : runsKept;
  }

  public GcSettings settings() {
    return new GcSettings(grace, runsKept);
  }
}
