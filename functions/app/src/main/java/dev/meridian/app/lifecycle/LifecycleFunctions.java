package dev.meridian.app.lifecycle;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.lifecycle.LifecycleRoutes;
import dev.meridian.core.lifecycle.gc.GarbageCollector;
import dev.meridian.core.lifecycle.gc.GcRun;
import dev.meridian.core.lifecycle.quota.QuotaGate;
import dev.meridian.core.lifecycle.quota.QuotaRoutes;
import dev.meridian.core.lifecycle.quota.QuotaStore;
import dev.meridian.core.lifecycle.quota.StorageQuotas;
import dev.meridian.core.lifecycle.rules.Retained;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.route.AdminRoutes;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lifecycle (docs/lifecycle.md): the {@code gc} function (one run in this region; the local
 * runtime's loop calls it, on AWS {@code gcSchedule} takes EventBridge's scheduled event), the
 * admin routes for GC, usage and quotas, and the quota gate of pushes. A {@link Retained} bean
 * (locks, soft delete) protects what it names from GC; without one nothing more is protected.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GcProperties.class)
public class LifecycleFunctions {

  public static final String GC = "gc";
  public static final String GC_SCHEDULE = "gcSchedule";

  /** This region's lifecycle services; present when the region has a replica set. */
  public record Lifecycle(GarbageCollector collector, QuotaStore quotaStore,
      ReplicaSet replicas) {

    /** The {@code gc} and {@code usage} routes, and {@code quotas} when there is a store. */
    public List<AdminRoutes> routes() {
      AdminRoutes lifecycle = new LifecycleRoutes(collector, replicas);
      return quotaStore == null ? List.of(lifecycle)
          : List.of(lifecycle, new QuotaRoutes(quotaStore, Clock.systemUTC()));
    }

    public QuotaGate quotas() {
      return quotaStore == null ? QuotaGate.NONE
          : new StorageQuotas(quotaStore, replicas.region(collector.seed()).index());
    }
  }

  @Bean
  Lifecycle gcLifecycle(MeridianProperties properties, GcProperties gc,
      ObjectProvider<ReplicaSet> replicas, ObjectProvider<QuotaStore> quotas,
      ObjectProvider<Retained> retained) {
    ReplicaSet set = replicas.getIfAvailable();
    if (set == null) {
      return null; // a storage override without peers (tests): no lifecycle
    }
    return new Lifecycle(new GarbageCollector(set, properties.regionSeed(),
        retained.getIfAvailable(() -> Retained.NONE), gc.settings(), Clock.systemUTC()),
        quotas.getIfAvailable(), set);
  }

  /** One garbage collection run in this region. */
  @Bean(GC)
  public Supplier<GcRun> gc(ObjectProvider<Lifecycle> lifecycle) {
    return () -> lifecycle.getObject().collector().run(false);
  }

  /** {@link #gc} for EventBridge's scheduled event (template.yaml {@code GcFunction}). */
  @Bean(GC_SCHEDULE)
  public Function<ScheduledEvent, GcRun> gcSchedule(ObjectProvider<Lifecycle> lifecycle) {
    return event -> lifecycle.getObject().collector().run(false);
  }
}
