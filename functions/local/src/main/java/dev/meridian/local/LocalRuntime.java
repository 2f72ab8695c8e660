package dev.meridian.local;

import dev.meridian.app.S3EventNotifications;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.replication.ObjectCreated;
import dev.meridian.core.replication.Reconciler;
import dev.meridian.local.builds.LocalBuildPool;
import dev.meridian.local.lambda.HttpApiRoutes;
import dev.meridian.local.lambda.RegionLambdas;
import dev.meridian.local.metrics.MicrometerMetrics;
import dev.meridian.local.replication.FaultPlan;
import dev.meridian.local.replication.LocalReplication;
import dev.meridian.local.replication.NotifyingBlobStore;
import dev.meridian.local.runtime.DataDirectory;
import dev.meridian.local.runtime.EphemeralDirectory;
import dev.meridian.local.runtime.FreePorts;
import dev.meridian.local.runtime.GlobalRouter;
import dev.meridian.local.runtime.HttpFront;
import dev.meridian.local.runtime.LocalGcLoop;
import dev.meridian.local.runtime.LocalLifecycle;
import dev.meridian.local.runtime.LocalUploadSweep;
import dev.meridian.local.runtime.NativeSha256;
import dev.meridian.local.runtime.RegionEndpoints;
import dev.meridian.local.runtime.RegionFunctions;
import dev.meridian.local.runtime.RegionSpec;
import dev.meridian.local.runtime.RegionsFile;
import dev.meridian.local.runtime.StorageServers;
import dev.meridian.local.runtime.UploadSigningKeyFile;
import dev.meridian.local.webhooks.LocalWebhookDispatch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running local runtime — DynamoDB Local, the S3 server and every region's endpoint in this
 * JVM. Tests start one with {@link #start}; {@link MeridianLocal} is the command around it.
 */
public final class LocalRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
  /** The registry name of the local runtime's regions (buckets and tables are {@code meridian-<region>}). */
  public static final String REGISTRY = "meridian";
  /** How often each region evaluates timer triggers (AWS: once a minute; see docs/builds.md). */
  static final Duration TIMER_PERIOD = Duration.ofSeconds(1);

  private final StorageServers storage;
  private final Map<String, RegionEndpoints> regions;
  private final HttpFront global;
  private final LocalReplication replication; // null with a storage override
  private final LocalWebhookDispatch webhooks;
  private final LocalBuildPool builds;
  private final LocalUploadSweep uploadSweep;
  private final LocalGcLoop gcLoop = new LocalGcLoop();
  private final LocalLifecycle lifecycle = new LocalLifecycle();
  private final DataDirectory dataDirectory; // null when ephemeral
  private EphemeralDirectory ephemeralDirectory; // --ephemeral's objects; null otherwise
  private String generatedAdminPassword; // null: configured, or the account existed already
  private boolean closed;

  private LocalRuntime(StorageServers storage, Map<String, RegionEndpoints> regions,
      HttpFront global, LocalReplication replication, LocalWebhookDispatch webhooks,
      LocalBuildPool builds, LocalUploadSweep uploadSweep, DataDirectory dataDirectory) {
    this.dataDirectory = dataDirectory;
    this.webhooks = webhooks;
    this.uploadSweep = uploadSweep;
    this.builds = builds;
    this.storage = storage;
    this.regions = regions;
    this.global = global;
    this.replication = replication;
  }

  /** Starts everything and returns once every endpoint accepts requests. */
  public static LocalRuntime start(LocalOptions options) {
    return start(options, null);
  }

  /**
   * As {@link #start(LocalOptions)}, but each region's storage ports come from {@code
   * storageOverride} instead of the AWS adapters on DynamoDB Local and s3proxy (which still start,
   * with each region's bucket and table). For tests of the runtime itself; replication (S3
   * event emulation, reconcile) runs only without an override.
   */
  public static LocalRuntime start(
      LocalOptions options, Function<RegionSpec, RegionStorage> storageOverride) {
    long started = System.nanoTime();
    // Logging is configured once by logback (logback.xml: WARN for s3proxy, Jetty, the SDK);
    // without this every region's Spring context would re-initialise it.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    MicrometerMetrics metrics = LocalMetrics.process();
    List<RegionSpec> specs = options.regionsFile() == null
        ? RegionSpec.DEFAULTS
        : RegionsFile.read(options.regionsFile());
    // First of all: a second runtime on the same directory stops here, before it touches a file.
    DataDirectory dataDirectory = options.ephemeral() ? null : DataDirectory.open(options.dataDir());
    NativeSha256.installWithoutC2();
    EphemeralDirectory ephemeral = options.ephemeral() ? EphemeralDirectory.create() : null;
    StorageServers storage = null;
    List<RegionFunctions> unserved = new ArrayList<>();
    Map<String, RegionEndpoints> regions = new LinkedHashMap<>();
    HttpFront global = null;
    Path keysFile = null;
    String generatedPassword = null;
    LocalReplication replication = storageOverride != null ? null
        : new LocalReplication(options.replication());
    LocalWebhookDispatch webhooks = new LocalWebhookDispatch();
    LocalBuildPool builds = new LocalBuildPool();
    LocalUploadSweep uploadSweep = new LocalUploadSweep();
    try {
      UnaryOperator<org.gaul.s3proxy.blobstore.BlobStore> notifying = replication == null
          ? UnaryOperator.identity()
          : store -> new NotifyingBlobStore(store, replication, replication.bucketDown());
      storage = ephemeral != null ? StorageServers.launchEphemeral(ephemeral, notifying)
          : StorageServers.launch(dataDirectory, notifying);
      // Each region's port is fixed before its functions start: upload Locations are absolute
      // URLs to the region that holds the upload (region-sticky, signed with a key kept in the
      // data directory, so a Location outlives a restart).
      int port = options.port();
      List<Integer> regionPorts = regionPorts(port, specs.size());
      String endpoints = regionEndpoints(specs, regionPorts);
      String signingKey = dataDirectory == null ? UploadSigningKeyFile.fresh()
          : UploadSigningKeyFile.readOrCreate(
              dataDirectory.directory("auth").resolve("upload-signing-key"));
      keysFile = signingKeysFile(options, dataDirectory);
      // Contexts start while the storage servers do: they open no connection before a request.
      List<MeridianProperties> properties = new ArrayList<>();
      for (RegionSpec spec : specs) {
        long t0 = System.nanoTime();
        long cpu0 = StartCpu.ofThisThread();
        MeridianProperties p = storage.regionProperties(REGISTRY, spec, options.blobDelivery(),
            endpoints, signingKey, options.uploadTtl());
        properties.add(p);
        unserved.add(RegionFunctions.start(p, peers(specs, spec),
            settings(specs, spec, options.auth(), keysFile),
            storageOverride == null ? null : storageOverride.apply(spec)));
        LOG.info("region {} functions started in {} ms ({} ms CPU of this thread)", spec.name(),
            (System.nanoTime() - t0) / 1_000_000, (StartCpu.ofThisThread() - cpu0) / 1_000_000);
      }
      storage.awaitStarted();
      for (int i = 0; i < specs.size(); i++) {
        RegionFunctions functions = unserved.set(i, null);
        regions.put(specs.get(i).name(), RegionEndpoints.serve(properties.get(i), functions,
            httpOf(options, specs, specs.get(i), properties.get(i), functions, keysFile),
            regionPorts.get(i)));
        if (replication != null) { // the bucket exists now: its notifications start
          replication.addRegion(specs.get(i).name(), properties.get(i).bucket(),
              s3EventsOf(regions.get(specs.get(i).name()), functions), functions.reconcile(),
              functions.reconcileOlderThan(), specs.size() > 1);
        }
        if (regions.get(specs.get(i).name()).http() instanceof RegionLambdas lambdas) {
          // As on AWS: queues and their Lambda consumers; triggers stay a local loop.
          lambdas.startQueues(properties.get(i), queuedRuns(functions),
              specs.get(i).buildCapacity());
          builds.addTriggers(specs.get(i).name(), properties.get(i), functions.triggerBuilds());
        } else {
          webhooks.addRegion(specs.get(i).name(), properties.get(i),
              functions.dispatchWebhooks());
          builds.addRegion(specs.get(i).name(), properties.get(i), specs.get(i).buildCapacity(),
              functions.queuedBuilds(), functions.runBuild(), functions.triggerBuilds());
        }
        builds.addTimers(specs.get(i).name(), properties, functions.timerBuilds(),
            functions.timersScheduled(), TIMER_PERIOD);
        uploadSweep.addRegion(specs.get(i).name(), functions.sweepUploads(), options.uploadTtl());
        LocalMetrics.regionGauges(metrics, specs.get(i).name(), functions);
      }
      // Accounts are written to every region's table (all exist now): one bootstrap, through
      // the first region.
      generatedPassword = regions.values().iterator().next().functions()
          .bootstrapAdmin(options.auth().bootstrapPassword()).orElse(null);
      Map<String, Function<HttpRequest, HttpResponse>> byRegion = new LinkedHashMap<>();
      regions.forEach((name, endpoint) -> byRegion.put(name, endpoint.http()));
      global = HttpFront.start("global", port, HttpFront.DEFAULT_THREADS,
          GlobalRouter.create(options.routing(), options.clientMap(), byRegion));
    } catch (Exception | Error e) {
      unserved.stream().filter(Objects::nonNull).forEach(RegionFunctions::close);
      LocalRuntime partial = new LocalRuntime(storage, regions, global, replication, webhooks,
          builds, uploadSweep, dataDirectory);
      partial.ephemeralDirectory = ephemeral;
      partial.close();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("local runtime failed to start: " + e.getMessage(), e);
    }
    LOG.info("started {} regions in {} ms ({})", specs.size(),
        (System.nanoTime() - started) / 1_000_000, StartCpu.summary());
    LocalRuntime runtime = new LocalRuntime(storage, regions, global, replication, webhooks,
        builds, uploadSweep, dataDirectory);
    runtime.generatedAdminPassword = generatedPassword;
    regions.forEach((name, region) -> runtime.gcLoop.addRegion(name, region.functions().gc()));
    runtime.regions.forEach((name, r) -> runtime.lifecycle.addRegion(name,
        r.functions().lifecycle()));
    runtime.ephemeralDirectory = ephemeral;
    return runtime;
  }

  /**
   * The {@code admin} password generated at this start, for {@code meridian-local.jar} to print
   * once; empty when it came from {@code MERIDIAN_BOOTSTRAP_PASSWORD} or the account existed.
   */
  public java.util.Optional<String> generatedAdminPassword() {
    return java.util.Optional.ofNullable(generatedAdminPassword);
  }

  /**
   * What answers a region's HTTP requests: its functions, or with {@code --front lambda} API
   * Gateway's HTTP API emulated from template.yaml in front of the pull and push Lambda entry
   * points, started with the environment the region's functions have.
   */
  private static Function<HttpRequest, HttpResponse> httpOf(LocalOptions options,
      List<RegionSpec> specs, RegionSpec spec, MeridianProperties properties,
      RegionFunctions functions, Path keysFile) {
    if (options.front() != LocalOptions.Front.LAMBDA) {
      return functions;
    }
    return RegionLambdas.start(spec.name(), HttpApiRoutes.fromBundledTemplate(),
        RegionFunctions.environment(properties, peers(specs, spec),
            settings(specs, spec, options.auth(), keysFile)));
  }

  /**
   * Where a region's S3 notifications (S3's event JSON) go: its {@code replicate} function, or
   * with {@code --front lambda} its {@code replicateS3} Lambda entry point.
   */
  private static Consumer<String> s3EventsOf(RegionEndpoints region, RegionFunctions functions) {
    if (region.http() instanceof RegionLambdas lambdas) {
      return lambdas.s3Events();
    }
    Consumer<List<ObjectCreated>> replicate = functions.replicate();
    return json -> replicate.accept(S3EventNotifications.parse(json));
  }

  /** The region's queued runs (none when it has no builds). */
  private static List<String> queuedRuns(RegionFunctions functions) {
    return functions.queuedBuilds() == null ? List.of() : functions.queuedBuilds().get();
  }

  /** Region i listens on port+1+i, or on a free port picked now when port is 0. */
  private static List<Integer> regionPorts(int port, int count) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(port == 0 ? FreePorts.pick() : port + 1 + i);
    }
    return ports;
  }

  /** {@code MERIDIAN_REGION_ENDPOINTS}: seed=url of every region. */
  private static String regionEndpoints(List<RegionSpec> specs, List<Integer> ports) {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      entries.add(specs.get(i).seed() + "=http://127.0.0.1:" + ports.get(i));
    }
    return String.join(",", entries);
  }

  /** {@code MERIDIAN_PEERS} of {@code self}: every other region's name, seed, bucket, table. */
  private static String peers(List<RegionSpec> specs, RegionSpec self) {
    return specs.stream().filter(s -> !s.equals(self))
        .map(s -> s.name() + ":" + s.seed() + ":" + REGISTRY + "-" + s.name() + ":" + REGISTRY
            + "-" + s.name())
        .collect(Collectors.joining(","));
  }

  /**
   * The region's other settings. {@code MERIDIAN_BUILDS_CAPACITY} and {@code
   * MERIDIAN_BUILDS_PEER_CAPACITIES}: every region's capacity from the regions file, so placement
   * counts against the pool sizes. Auth: one key ring file for all regions (a token from one
   * region is good in every region), the rate limit.
   */
  private static Map<String, String> settings(List<RegionSpec> specs, RegionSpec self,
      AuthOptions auth, Path keysFile) {
    return Map.of("meridian.builds.capacity", Integer.toString(self.buildCapacity()),
        "meridian.builds.peer-capacities", specs.stream().filter(s -> !s.equals(self))
            .map(s -> s.seed() + "=" + s.buildCapacity()).collect(Collectors.joining(",")),
        "meridian.auth.signing-keys-file", keysFile.toString(),
        "meridian.auth.rate-limit", Double.toString(auth.rateLimit()));
  }

  /**
   * {@code <data dir>/auth/signing-keys.json}; with {@code --ephemeral}, a file in a fresh
   * temporary directory removed at exit (nothing of an ephemeral run outlives it).
   */
  private static Path signingKeysFile(LocalOptions options, DataDirectory dataDirectory)
      throws java.io.IOException {
    Path dir;
    if (options.ephemeral()) {
      dir = java.nio.file.Files.createTempDirectory("meridian-auth");
      dir.toFile().deleteOnExit();
      dir.resolve("signing-keys.json").toFile().deleteOnExit();
    } else {
      dir = dataDirectory.directory("auth");
    }
    return dir.resolve("signing-keys.json");
  }

  /**
   * Runs one {@code lifecycle} pass (repin write-locked tags, retention on what the region owns)
   * in every region, in regions-file order (on demand); each region's summary.
   */
  public Map<String, Object> lifecycleAll() {
    return lifecycle.runAll();
  }

  /** Runs one {@code reconcile} in every region, in regions-file order (on demand). */
  public Map<String, Reconciler.Report> reconcileAll() {
    return replication().reconcileAll();
  }

  /** Waits until every region's notification queue is empty, or fails after {@code timeout}. */
  public void awaitReplicationIdle(Duration timeout) {
    replication().awaitIdle(timeout);
  }

  /**
   * Fault mode: {@code region}'s bucket refuses writes and its {@code replicate} invocations
   * fail for {@code duration} (or until {@link #regionUp}).
   */
  public void regionDown(String region, Duration duration) {
    region(region);
    replication().regionDown(region, duration);
  }

  public void regionUp(String region) {
    replication().regionUp(region);
  }

  /** Switches notification faults (e.g. off with {@link FaultPlan#none()} for quiescence). */
  public void setFaults(FaultPlan faults) {
    replication().setFaults(faults);
  }

  /** Notifications the fault mode has dropped so far. */
  public long droppedNotifications() {
    return replication().dropped();
  }

  private LocalReplication replication() {
    if (replication == null) {
      throw new IllegalStateException("replication is off (the runtime runs with a storage override)");
    }
    return replication;
  }

  /** {@code region}'s build workers stop picking up queued runs ({@link LocalBuildPool#pause}). */
  public void pauseBuilds(String region) {
    region(region);
    builds.pause(region);
  }

  public void resumeBuilds(String region) {
    region(region);
    builds.resume(region);
  }

  /** Region names in regions-file order. */
  public List<String> regionNames() {
    return List.copyOf(regions.keySet());
  }

  /** {@code http://127.0.0.1:<port>} of a region's endpoint. */
  public URI regionEndpoint(String region) {
    return region(region).uri();
  }

  /**
   * The properties a region's functions run with: its bucket and table, and the endpoints and
   * credentials of the local S3 and DynamoDB servers (for tests that look into storage).
   */
  public MeridianProperties regionProperties(String region) {
    return region(region).properties();
  }

  private RegionEndpoints region(String region) {
    RegionEndpoints r = regions.get(region);
    if (r == null) {
      throw new IllegalArgumentException("no region " + region + "; regions: " + regionNames());
    }
    return r;
  }

  /** Where {@code --ephemeral} keeps this run's objects (removed at close); empty otherwise. */
  public java.util.Optional<Path> ephemeralDirectory() {
    return java.util.Optional.ofNullable(ephemeralDirectory).map(EphemeralDirectory::root);
  }

  /** {@code http://127.0.0.1:<port>} of the global endpoint. */
  public URI globalEndpoint() {
    return global.uri();
  }

  /** Stops endpoints, then the storage servers. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (replication != null) {
      replication.close(); // no more deliveries into contexts about to close
    }
    webhooks.close(); // pending deliveries stay in the table; the next start resumes them
    builds.close(); // queued runs stay in the table; the next start picks them up
    lifecycle.close(); // retention and lock repins resume with the next start's passes
    uploadSweep.close(); // a sweep cut short leaves the rest to the next start's sweeps
    gcLoop.close(); // a run cut short is repeated by the next; its claims go stale
    if (global != null) {
      global.close();
    }
    List<RegionEndpoints> reversed = new ArrayList<>(regions.values());
    Collections.reverse(reversed);
    for (RegionEndpoints r : reversed) {
      r.close();
    }
    if (storage != null) {
      storage.close();
    }
    if (dataDirectory != null) {
      dataDirectory.close(); // last: nothing writes to it any more
    }
    if (ephemeralDirectory != null) {
      ephemeralDirectory.close(); // removes every object of this run
    }
    LOG.info("stopped");
  }
}
