package dev.meridian.local.runtime;

import dev.meridian.app.MeridianApplication;
import dev.meridian.app.RegistryFunctions;
import dev.meridian.app.ReplicationFunctions;
import dev.meridian.app.UploadFunctions;
import dev.meridian.app.auth.AuthFunctions;
import dev.meridian.app.builds.BuildFunctions;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.app.lifecycle.LifecycleFunctions;
import dev.meridian.app.webhooks.WebhookFunctions;
import dev.meridian.core.admin.ReplicationBacklog;
import dev.meridian.core.builds.TimerTriggers;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.replication.ObjectCreated;
import dev.meridian.core.replication.Reconciler;
import dev.meridian.core.webhooks.WebhookStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One region's functions: its own Spring context of {@link MeridianApplication}, configured with
 * the same {@code meridian.*} properties that template.yaml sets on AWS, and its {@code pull} and
 * {@code push} beans taken from the {@link FunctionCatalog} — the front invokes exactly the
 * functions Lambda would. Requests are routed as the AWS HTTP API routes them: GET/HEAD to pull,
 * the rest to push.
 */
public final class RegionFunctions implements Function<HttpRequest, HttpResponse>, AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final Function<HttpRequest, HttpResponse> pull;
  private final Function<HttpRequest, HttpResponse> push;

  private RegionFunctions(ConfigurableApplicationContext context,
      Function<HttpRequest, HttpResponse> pull, Function<HttpRequest, HttpResponse> push) {
    this.context = context;
    this.pull = pull;
    this.push = push;
  }

  /** As {@link #start(MeridianProperties, String, RegionStorage)} for a single-region registry. */
  public static RegionFunctions start(MeridianProperties properties, RegionStorage storage) {
    return start(properties, "", storage);
  }

  /**
   * Starts the region's context; {@code peers} is the {@code MERIDIAN_PEERS} list of the other
   * regions (see {@code ReplicationProperties}). {@code storage} replaces the AWS adapters when not null (tests);
   * otherwise the context builds them from the endpoints in {@code properties}.
   */
  public static RegionFunctions start(MeridianProperties properties, String peers,
      RegionStorage storage) {
    return start(properties, peers, Map.of(), storage);
  }

  /**
   * As above, with {@code settings}: more {@code meridian.*} properties (the env vars
   * template.yaml would set), e.g. {@code meridian.builds.capacity}.
   */
  public static RegionFunctions start(MeridianProperties properties, String peers,
      Map<String, String> settings, RegionStorage storage) {
    Map<String, Object> props = environment(properties, peers, settings);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(MeridianApplication.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .registerShutdownHook(false) // the runtime closes contexts in order
        .initializers(ctx -> {
          // First, so that MERIDIAN_* variables of the shell cannot leak into a simulated region.
          ctx.getEnvironment().getPropertySources()
              .addFirst(new MapPropertySource("meridian-local-" + properties.region(), props));
          if (storage != null) {
            ctx.getBeanFactory().registerSingleton("regionStorage", storage);
          }
        })
        .run();
    FunctionCatalog catalog = context.getBean(FunctionCatalog.class);
    return new RegionFunctions(context, lookup(catalog, RegistryFunctions.PULL),
        lookup(catalog, RegistryFunctions.PUSH));
  }

  /**
   * The {@code replicate} function, looked up in the catalog as a Lambda adapter would; fails
   * when the context has no replica set (a storage override without one).
   */
  @SuppressWarnings("unchecked")
  public Consumer<List<ObjectCreated>> replicate() {
    return (Consumer<List<ObjectCreated>>) required(Consumer.class, ReplicationFunctions.REPLICATE);
  }

  /** The {@code reconcile} function from the catalog; fails as {@link #replicate()} does. */
  @SuppressWarnings("unchecked")
  public Supplier<Reconciler.Report> reconcile() {
    return (Supplier<Reconciler.Report>) required(Supplier.class, ReplicationFunctions.RECONCILE);
  }

  /**
   * The scheduled {@code reconcile} pass: the region's reconciler, leaving alone the changes younger
   * than the given grace ({@link Reconciler#reconcileOlderThan}); fails as {@link #replicate()} does.
   */
  public Function<Duration, Reconciler.Report> reconcileOlderThan() {
    Reconciler reconciler = context.getBean(Reconciler.class);
    return reconciler::reconcileOlderThan;
  }

  /**
   * The {@code dispatchWebhooks} function from the catalog, or null when the context has no
   * webhook store (a storage override).
   */
  @SuppressWarnings("unchecked")
  public Supplier<?> dispatchWebhooks() {
    return (Supplier<?>) context.getBean(FunctionCatalog.class)
        .lookup(Supplier.class, WebhookFunctions.DISPATCH);
  }

  /** The region's webhook store (the webhook backlog gauge), or null without webhooks. */
  public WebhookStore webhookStore() {
    return context.getBeanProvider(WebhookStore.class).getIfAvailable();
  }

  /** The region's replication backlog towards its peers, or null without a replica set. */
  public ReplicationBacklog replicationBacklog() {
    return context.getBeanProvider(ReplicationBacklog.class).getIfAvailable();
  }

  /** The {@code runBuild} function (run ID → final status), or null without builds. */
  @SuppressWarnings("unchecked")
  public Function<String, String> runBuild() {
    return (Function<String, String>) context.getBean(FunctionCatalog.class)
        .lookup(Function.class, BuildFunctions.RUN);
  }

  /** The {@code queuedBuilds} function (queued run IDs, oldest first), or null without builds. */
  @SuppressWarnings("unchecked")
  public Supplier<List<String>> queuedBuilds() {
    return (Supplier<List<String>>) context.getBean(FunctionCatalog.class)
        .lookup(Supplier.class, BuildFunctions.QUEUED);
  }

  /** The {@code lifecycle} function (one scheduled lifecycle pass), or null without it. */
  public Supplier<?> lifecycle() {
    return (Supplier<?>) context.getBean(FunctionCatalog.class)
        .lookup(Supplier.class, dev.meridian.app.lifecycle.RetentionLockFunctions.LIFECYCLE);
  }

  /** The {@code sweepUploads} function (one sweep of abandoned uploads), or null without it. */
  public Supplier<?> sweepUploads() {
    return (Supplier<?>) context.getBean(FunctionCatalog.class)
        .lookup(Supplier.class, UploadFunctions.SWEEP);
  }

  /** The {@code gc} function (one garbage collection run), or null without a replica set. */
  public Supplier<?> gc() {
    return (Supplier<?>) context.getBean(FunctionCatalog.class)
        .lookup(Supplier.class, LifecycleFunctions.GC);
  }

  /** The {@code triggerBuilds} function (one poll for base-image updates), or null without builds. */
  public Supplier<?> triggerBuilds() {
    return (Supplier<?>) context.getBean(FunctionCatalog.class)
        .lookup(Supplier.class, BuildFunctions.TRIGGER);
  }

  /** The {@code timerBuilds} function (one pass of timer triggers), or null without builds. */
  public Supplier<?> timerBuilds() {
    return (Supplier<?>) context.getBean(FunctionCatalog.class)
        .lookup(Supplier.class, BuildFunctions.TIMER);
  }

  /**
   * Whether the last {@link #timerBuilds} pass saw an enabled timer (true before the first, and
   * without builds): while false the timer loop may wait for a task to be put.
   */
  public java.util.function.BooleanSupplier timersScheduled() {
    TimerTriggers timers = context.getBeanProvider(TimerTriggers.class).getIfAvailable();
    return timers == null ? () -> true : timers::timersScheduled;
  }

  /**
   * Creates the {@code admin} account when missing (docs/security.md "Bootstrap"); returns the
   * password when it was generated. Empty without access control (a storage override).
   */
  public java.util.Optional<String> bootstrapAdmin(String configuredPassword) {
    return context.getBeanProvider(AuthFunctions.AuthBootstrap.class).stream().findFirst()
        .flatMap(b -> new AuthFunctions.AuthBootstrap(b.store(), b.hasher(), configuredPassword)
            .run());
  }

  private Object required(Class<?> type, String name) {
    Object f = context.getBean(FunctionCatalog.class).lookup(type, name);
    if (f == null) {
      throw new IllegalStateException("function " + name + " not in the catalog");
    }
    return f;
  }

  @Override
  public HttpResponse apply(HttpRequest request) {
    return RegistryFunctions.PULL_METHODS.contains(request.method())
        ? pull.apply(request)
        : push.apply(request);
  }

  @Override
  public void close() {
    context.close();
  }

  private static Function<HttpRequest, HttpResponse> lookup(FunctionCatalog catalog, String name) {
    Function<HttpRequest, HttpResponse> f = catalog.lookup(Function.class, name);
    if (f == null) {
      throw new IllegalStateException("function " + name + " not in the catalog");
    }
    return f;
  }

  /**
   * The {@code meridian.*} properties of a region's functions: what template.yaml sets as
   * environment variables on AWS, {@code peers} ({@code MERIDIAN_PEERS}) and {@code settings}
   * included.
   */
  public static Map<String, Object> environment(MeridianProperties properties, String peers,
      Map<String, String> settings) {
    Map<String, Object> props = asProperties(properties);
    props.put("meridian.peers", peers); // MERIDIAN_PEERS on AWS
    props.putAll(settings);
    return props;
  }

  private static Map<String, Object> asProperties(MeridianProperties p) {
    Map<String, Object> m = new HashMap<>();
    // Lazy beans: the first context starts ~2x faster here (6.1 s -> 3.0 s under load); the
    // function lookups below still create the handler, storage and clients, so bad settings
    // fail at start, not on the first request.
    m.put("spring.main.lazy-initialization", "true");
    m.put("meridian.registry", p.registry());
    m.put("meridian.region", p.region());
    m.put("meridian.seed", p.seed());
    m.put("meridian.bucket", p.bucket());
    m.put("meridian.table", p.table());
    m.put("meridian.blob-delivery", p.blobDelivery().name());
    m.put("meridian.presign-validity", p.presignValidity().toString());
    m.put("meridian.aws-region", p.awsRegion());
    m.put("meridian.s3-endpoint", p.s3Endpoint().toString());
    m.put("meridian.dynamodb-endpoint", p.dynamodbEndpoint().toString());
    m.put("meridian.access-key-id", p.accessKeyId());
    m.put("meridian.secret-access-key", p.secretAccessKey());
    m.put("meridian.tag-cache", Boolean.toString(p.tagCache()));
    m.put("meridian.upload-ttl", p.uploadTtl().toString());
    // Webhook receivers of a local registry are on this machine (docs/webhooks.md); the runtime
    // polls dispatch in a loop, so one poll must not wait for a slow receiver.
    m.put("meridian.webhooks.allow-loopback", "true");
    m.put("meridian.webhooks.await-deliveries", "false");
    if (p.regionEndpoints() != null) {
      m.put("meridian.region-endpoints", p.regionEndpoints());
    }
    if (p.uploadSigningKey() != null) {
      m.put("meridian.upload-signing-key", p.uploadSigningKey());
    }
    return m;
  }
}
