package dev.meridian.local.metrics;

import dev.meridian.core.metrics.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Gauges read per region when Prometheus scrapes. A gauge is registered once per name and
 * region and reads the region's current source, so a runtime restarted in the same process (the
 * end-to-end tests start several) reports its own state, not a closed one's. A source that fails
 * reads as NaN, which Micrometer reports as such.
 */
public final class RegionGauges {
  private static final Map<String, Supplier<Number>> SOURCES = new ConcurrentHashMap<>();

  private RegionGauges() {}

  /**
   * {@code source} null: the region has none (no builds, no webhooks); nothing is reported.
   * {@code tags}: more name/value pairs after {@code region} (a peer).
   */
  public static void set(Metrics metrics, String name, String region, Supplier<Number> source,
      String... tags) {
    if (source == null) {
      return;
    }
    String key = name + "\n" + region + "\n" + String.join("\n", tags);
    if (SOURCES.put(key, source) == null) {
      String[] all = new String[tags.length + 2];
      all[0] = "region";
      all[1] = region;
      System.arraycopy(tags, 0, all, 2, tags.length);
      metrics.gauge(name, () -> read(key), all);
    }
  }

  private static Number read(String key) {
    Supplier<Number> source = SOURCES.get(key);
    try {
      return source == null ? Double.NaN : source.get();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
