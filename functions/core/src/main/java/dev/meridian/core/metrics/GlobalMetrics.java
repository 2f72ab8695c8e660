package dev.meridian.core.metrics;

/**
 * The process's {@link Metrics}, as Micrometer's {@code Metrics.globalRegistry}: the runtime
 * installs its adapter once at start (the local runtime's Micrometer registry, EMF on Lambda),
 * and code anywhere — replication, webhooks, builds, garbage collection — reports to {@link
 * #get()} without being handed a port through every constructor. Until then it measures nothing.
 * Every measurement carries its region as a tag, so one process may serve several regions.
 */
public final class GlobalMetrics {
  private static volatile Metrics current = Metrics.NONE;

  private GlobalMetrics() {}

  public static Metrics get() {
    return current;
  }

  public static void install(Metrics metrics) {
    current = metrics == null ? Metrics.NONE : metrics;
  }
}
