package dev.meridian.app.lifecycle;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.core.lifecycle.Lifecycle;
import dev.meridian.core.lifecycle.rules.Retained;
import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.storage.ObjectStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Retention, locks and soft delete (docs/retention-and-locks.md) in every function of a region:
 * building the {@link Lifecycle} puts the locks in front of the shared {@link ManifestService},
 * so pushes (the {@code push} function), reads ({@code pull}) and replicated tag arrivals
 * ({@code replicate}, {@code reconcile}) all see them; its routes join the admin API.
 *
 * <p>{@code lifecycle} is one scheduled pass: repin write-locked tags, then run retention on what
 * this region owns. {@code lifecycleSchedule} is its Lambda entry (EventBridge schedule, the
 * {@code LifecycleFunction} of template.yaml); the local runtime calls {@code lifecycle} on a loop.
 */
@Configuration(proxyBeanMethods = false)
public class RetentionLockFunctions {

  public static final String LIFECYCLE = "lifecycle";
  public static final String LIFECYCLE_SCHEDULE = "lifecycleSchedule";

  /** Configuration writes go to every region's bucket: the replica set's, or this one alone. */
  @Bean
  Lifecycle regionLifecycle(MeridianProperties properties, RegionStorage storage,
      ManifestService manifestService, ObjectProvider<ReplicaSet> replicas) {
    Map<String, ObjectStore> buckets = new LinkedHashMap<>();
    ReplicaSet set = replicas.getIfAvailable();
    if (set == null) {
      buckets.put(properties.region(), storage.objects());
    } else {
      for (Region r : set.regions()) {
        buckets.put(r.name(), r.seed().equals(properties.regionSeed()) ? storage.objects() : r.objects());
      }
    }
    return Lifecycle.of(storage.objects(), buckets, storage.index(), manifestService,
        properties.regionSeed(), Clock.systemUTC());
  }

  /**
   * What garbage collection must keep ("retention and GC never delete locked content"):
   * locked manifests and repositories, soft-deleted manifests inside their restore window.
   */
  @Bean
  Retained retainedByLocksAndSoftDelete(Lifecycle regionLifecycle) {
    return (repository, digest) -> regionLifecycle.protection().isProtected(repository, digest);
  }

  @Bean
  public Supplier<Map<String, Object>> lifecycle(Lifecycle regionLifecycle) {
    return () -> summary(regionLifecycle.scheduled());
  }

  /** The schedule's event carries nothing the pass needs; its summary is the result. */
  @Bean
  public Function<ScheduledEvent, Map<String, Object>> lifecycleSchedule(
      Lifecycle regionLifecycle) {
    return event -> summary(regionLifecycle.scheduled());
  }

  static Map<String, Object> summary(Lifecycle.Pass pass) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("repinned", pass.repinned());
    s.put("retentionRun", pass.retention().id());
    s.put("selected", pass.retention().selected().size());
    s.put("deleted", pass.retention().deleted().stream().map(c -> c.target()).toList());
    s.put("skipped", pass.retention().skipped());
    return s;
  }
}
