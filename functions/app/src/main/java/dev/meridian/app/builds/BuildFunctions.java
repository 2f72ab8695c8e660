package dev.meridian.app.builds;

import dev.meridian.app.aws.AwsStorageAutoConfiguration;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.app.config.ReplicationProperties;
import dev.meridian.aws.dynamodb.DynamoDbRunIdAllocator;
import dev.meridian.aws.dynamodb.DynamoDbRunStore;
import dev.meridian.aws.dynamodb.DynamoDbTaskStore;
import dev.meridian.builder.ContainerEngine;
import dev.meridian.builder.EngineBuilder;
import dev.meridian.builder.runs.BudgetedContextReader;
import dev.meridian.builder.runs.ImageBuildExecutor;
import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.builds.BaseImageTriggers;
import dev.meridian.core.builds.BatchingRunIdAllocator;
import dev.meridian.core.builds.BuildEnqueuer;
import dev.meridian.core.builds.BuildRegion;
import dev.meridian.core.builds.BuildRoutes;
import dev.meridian.core.builds.BuildRunner;
import dev.meridian.core.builds.ContextReader;
import dev.meridian.core.builds.EventedRunStore;
import dev.meridian.core.builds.OwnerAccess;
import dev.meridian.core.builds.RunAccess;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.TaskRoutes;
import dev.meridian.core.builds.TaskStore;
import dev.meridian.core.builds.TimerTriggers;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The build functions and the {@code /meridian/v1/builds} routes (docs/builds.md; the routes are
 * part of the region's HTTP API, so the {@code pull} and {@code push} functions serve them)
 * over every region of the {@link ReplicaSet}: each region's counter and runs in its table, its
 * bucket for contexts and logs. Peer tables are reached with this region's DynamoDB client, as
 * the replica set's peer indexes are (one DynamoDB Local locally; a peer in another AWS region
 * needs that region's client — not wired yet, see docs/builds.md "Not yet").
 */
@AutoConfiguration(after = AwsStorageAutoConfiguration.class)
@ConditionalOnBean({DynamoDbClient.class, ReplicaSet.class})
@EnableConfigurationProperties(BuildProperties.class)
public class BuildFunctions {

  public static final String RUN = "runBuild";
  public static final String QUEUED = "queuedBuilds";
  public static final String TRIGGER = "triggerBuilds";
  public static final String TIMER = "timerBuilds";
  /** How many queued run IDs one {@code queuedBuilds} call returns at most. */
  static final int QUEUED_PAGE = 100;

  /**
   * Every region's runs are held in that region's table behind an {@link EventedRunStore}, so
   * each change of a run's phase appends a {@code build} event to the log of the run's region
   * (docs/webhooks.md "Build events"), whichever region's function made it.
   */
  @Bean
  public BuildEnqueuer buildEnqueuer(MeridianProperties p, ReplicationProperties replication,
      BuildProperties builds, ReplicaSet replicas, DynamoDbClient dynamoDb, EventLog eventLog) {
    Map<Seed, String> tables = tables(p, replication);
    List<BuildRegion> regions = new ArrayList<>();
    for (Region r : replicas.regions()) {
      String table = tables.get(r.seed());
      // The replica set's log of each region (this region's is the eventLog bean itself).
      EventLog log = r.seed().equals(p.regionSeed()) ? eventLog : r.events();
      regions.add(new BuildRegion(r.name(), r.seed(),
          new BatchingRunIdAllocator(new DynamoDbRunIdAllocator(dynamoDb, table, r.seed())),
          new EventedRunStore(new DynamoDbRunStore(dynamoDb, table), log, r.name(),
              Clock.systemUTC()),
          r.objects(), builds.capacityOf(r.seed())));
    }
    return new BuildEnqueuer(p.regionSeed(), regions, Clock.systemUTC());
  }

  /** Every region's table by seed, this region's among them. */
  static Map<Seed, String> tables(MeridianProperties p, ReplicationProperties replication) {
    Map<Seed, String> tables = new java.util.HashMap<>(replication.peerList().stream()
        .collect(Collectors.toMap(ReplicationProperties.Peer::seed,
            ReplicationProperties.Peer::table)));
    tables.put(p.regionSeed(), p.table());
    return tables;
  }

  @Bean
  public TaskStore taskStore(MeridianProperties p, DynamoDbClient dynamoDb) {
    return new DynamoDbTaskStore(dynamoDb, p.table());
  }

  /** How the builds API reads contexts on a request thread: the builder, within the budgets. */
  @Bean
  public ContextReader contextReader(BuildProperties builds) {
    return new BudgetedContextReader(builds.budget());
  }

  /** {@code /meridian/v1/builds…} and {@code /meridian/v1/runs} (the region's route table). */
  @Bean
  public BuildRoutes buildRoutes(BuildEnqueuer enqueuer, ContextReader contextReader) {
    return new BuildRoutes(enqueuer, Clock.systemUTC(), contextReader);
  }

  /** {@code /meridian/v1/tasks…} (the region's route table). */
  @Bean
  public TaskRoutes taskRoutes(BuildEnqueuer enqueuer, TaskStore taskStore,
      ContextReader contextReader) {
    return new TaskRoutes(taskStore, enqueuer, Clock.systemUTC(), contextReader);
  }

  /**
   * Threads the builds themselves run on (the runner waits on each within the run's timeout and
   * interrupts it when the time is up). How many run at once is bounded by whoever calls
   * {@code runBuild}: the local runtime's pool of the region's capacity, on AWS the consumer's
   * concurrency.
   */
  @Bean
  BuildThreads buildThreads() {
    return new BuildThreads();
  }

  /**
   * Runs this region's queued runs with the image builder, pushing through the region's API,
   * within {@code MERIDIAN_BUILDS_MAX_RUN_TIMEOUT}, the build budgets and with leases ({@link
   * BuildProperties}).
   */
  @Bean
  public BuildRunner buildRunner(BuildEnqueuer enqueuer, MeridianProperties p,
      BuildProperties builds, RegionStorage storage, HttpHandler registryHttpApi,
      BuildThreads buildThreads, ObjectProvider<RegistryAuth> auth,
      ObjectProvider<ContainerEngine> engines) {
    // With access control, each run's in-process calls carry a token for its owner's grants.
    RegistryAuth gate = auth.getIfAvailable();
    RunAccess access = gate == null ? RunAccess.open()
        : new OwnerAccess(gate.gate().credentials(), gate.gate().tokens());
    ContainerEngine engine = BuildEngines.choose(builds, engines.getIfAvailable());
    EngineBuilder engineBuilder = engine == null ? null
        : new EngineBuilder(engine, builds.budget(), builds.engineLimits());
    return new BuildRunner(enqueuer.self(), new ImageBuildExecutor(storage.objects(),
        storage.index(), registryHttpApi, host(p), access, builds.budget(), engineBuilder),
        buildThreads.pool(),
        Clock.systemUTC(), builds.limits());
  }

  /**
   * The region's build housekeeping, one pass: first moves {@code Running} runs whose runner's
   * lease passed to {@code Error} ("runner lost", docs/builds.md "Leases"), then polls the event
   * log for base-image updates (docs/builds.md "Tasks") and enqueues the triggered runs; returns
   * how many it enqueued. Locally the build pool's loop calls it; on AWS a schedule
   * ({@code triggerBuildsSchedule}).
   */
  @Bean
  public Supplier<Integer> triggerBuilds(EventLog eventLog, TaskStore taskStore,
      BuildEnqueuer enqueuer, BuildRunner buildRunner) {
    BaseImageTriggers triggers = new BaseImageTriggers(eventLog, taskStore, enqueuer);
    return () -> {
      buildRunner.expireLostRuns();
      return triggers.poll().size();
    };
  }

  /**
   * Timer triggers over every region's tasks (docs/builds.md "Timer triggers"): this region's
   * schedule evaluates them all, and a claim in each task's table lets one region fire a tick.
   */
  @Bean
  public TimerTriggers timerTriggers(MeridianProperties p, ReplicationProperties replication,
      ReplicaSet replicas, DynamoDbClient dynamoDb, BuildEnqueuer enqueuer, TaskStore taskStore) {
    Map<Seed, String> tables = tables(p, replication);
    Map<Seed, TaskStore> stores = new LinkedHashMap<>();
    for (Region r : replicas.regions()) {
      stores.put(r.seed(), r.seed().equals(p.regionSeed()) ? taskStore
          : new DynamoDbTaskStore(dynamoDb, tables.get(r.seed())));
    }
    return new TimerTriggers(enqueuer, stores, TimerTriggers.DEFAULT_DEADLINE, Clock.systemUTC());
  }

  /**
   * One pass of timer triggers at the current time; returns the runs this region enqueued. Locally
   * a loop calls it every second; on AWS a one-minute schedule ({@code timerBuildsSchedule}).
   */
  @Bean
  public Supplier<Integer> timerBuilds(TimerTriggers timerTriggers) {
    return () -> timerTriggers.fire(Instant.now()).size();
  }

  /**
   * Runs one queued run of this region to its end, by ID ({@code aa7}); returns its status after
   * ({@code Succeeded}, {@code Failed}, …), or {@code NotQueued} when another runner or a cancel
   * took it first. On AWS a queue consumer maps its messages onto this.
   */
  @Bean
  public Function<String, String> runBuild(BuildRunner buildRunner) {
    return id -> {
      try {
        return buildRunner.run(RunId.parse(id.strip())).map(r -> r.status().wireName())
            .orElse("NotQueued");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running " + id, e);
      }
    };
  }

  /** This region's queued run IDs, oldest first (what a worker should pick up next). */
  @Bean
  public Supplier<List<String>> queuedBuilds(BuildRunner buildRunner) {
    return () -> buildRunner.queued(QUEUED_PAGE).stream().map(RunId::toString).toList();
  }

  /** The region's public host (from its endpoint), recorded as the host of a build's pushes. */
  static String host(MeridianProperties p) {
    URI self = p.registrySettings().regionEndpoints().get(p.regionSeed());
    return self == null ? p.region() + "." + p.registry() : self.getAuthority();
  }
}
