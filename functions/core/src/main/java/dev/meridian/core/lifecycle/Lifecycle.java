package dev.meridian.core.lifecycle;

import dev.meridian.core.lifecycle.locks.LockEnforcer;
import dev.meridian.core.lifecycle.locks.LockRules;
import dev.meridian.core.lifecycle.retention.ProtectedContent;
import dev.meridian.core.lifecycle.retention.RetentionPlanner;
import dev.meridian.core.lifecycle.retention.RetentionRunner;
import dev.meridian.core.lifecycle.rules.LifecycleConfig;
import dev.meridian.core.lifecycle.rules.LifecycleStore;
import dev.meridian.core.lifecycle.softdelete.DeletedManifests;
import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.version.HybridLogicalClock;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One region's retention, locks and soft delete, composed from its ports (every runtime calls
 * {@link #of}). Building it puts the locks in front of {@code manifests}; {@link #routes} serves
 * {@code /meridian/v1/{retention,locks,immutability,soft-delete,deleted}}; {@link #scheduled} is
 * what the {@code lifecycle} function does on its schedule in every region.
 */
public final class Lifecycle {
  private final LifecycleConfig config;
  private final LockRules locks;
  private final LockEnforcer enforcer;
  private final DeletedManifests deleted;
  private final ProtectedContent protection;
  private final RetentionRunner retention;
  private final RetentionLockRoutes routes;

  private Lifecycle(LifecycleConfig config, ObjectStore objects, MetadataIndex index,
      ManifestService manifests, Seed seed, Clock clock) {
    this.config = config;
    this.locks = new LockRules(config, objects, clock);
    this.enforcer = new LockEnforcer(locks, index, manifests);
    this.deleted = new DeletedManifests(config, objects, index, manifests, clock);
    this.protection = new ProtectedContent(config, index, deleted);
    this.retention = new RetentionRunner(config, new RetentionPlanner(objects, index, protection),
        manifests, seed, clock);
    this.routes = new RetentionLockRoutes(config, index, enforcer, retention, deleted);
    manifests.guardedBy(locks);
  }

  /**
   * @param buckets every region's bucket by region name, this region's ({@code objects}) among
   *     them: configuration writes go to all of them
   */
  public static Lifecycle of(ObjectStore objects, Map<String, ObjectStore> buckets,
      MetadataIndex index, ManifestService manifests, Seed seed, Clock clock) {
    LifecycleStore local = new LifecycleStore(objects);
    Map<String, LifecycleStore> stores = new LinkedHashMap<>();
    buckets.forEach((name, bucket) -> stores.put(name,
        bucket == objects ? local : new LifecycleStore(bucket)));
    if (!stores.containsValue(local)) {
      stores.put("self", local);
    }
    LifecycleConfig config = new LifecycleConfig(local, stores,
        new HybridLogicalClock(clock, seed));
    return new Lifecycle(config, objects, index, manifests, seed, clock);
  }

  /** What one scheduled pass did. */
  public record Pass(int repinned, RetentionRunner.Report retention) {}

  /**
   * The schedule's pass: repin write-locked tags a racing push moved here, then run retention on
   * what this region owns.
   */
  public Pass scheduled() {
    int repinned = enforcer.enforce();
    return new Pass(repinned, retention.run(null, false, true));
  }

  public LifecycleConfig config() {
    return config;
  }

  public LockRules locks() {
    return locks;
  }

  public LockEnforcer enforcer() {
    return enforcer;
  }

  public RetentionRunner retention() {
    return retention;
  }

  public DeletedManifests deleted() {
    return deleted;
  }

  /** The port garbage collection consults: is a manifest locked or restorable? */
  public ProtectedContent protection() {
    return protection;
  }

  public RetentionLockRoutes routes() {
    return routes;
  }
}
