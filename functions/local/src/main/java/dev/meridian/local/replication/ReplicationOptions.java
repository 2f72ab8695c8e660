package dev.meridian.local.replication;

import java.time.Duration;

/**
 * How the local runtime drives replication.
 *
 * @param reconcileInterval each region's {@code reconcile} runs this often ({@code
 *     --reconcile-interval}, default 30 s); zero or negative: only on demand ({@code
 *     LocalRuntime.reconcileAll()})
 * @param faults faults injected into notification delivery (default none)
 */
public record ReplicationOptions(Duration reconcileInterval, FaultPlan faults) {

  public ReplicationOptions {
    reconcileInterval = reconcileInterval == null ? Duration.ofSeconds(30) : reconcileInterval;
    faults = faults == null ? FaultPlan.none() : faults;
  }

  public static ReplicationOptions defaults() {
    return new ReplicationOptions(Duration.ofSeconds(30), FaultPlan.none());
  }
}
