package dev.meridian.core.fakes;

import dev.meridian.core.admin.AdminApi;
import dev.meridian.core.admin.PullSettingsRoutes;
import dev.meridian.core.audit.AuditLog;
import dev.meridian.core.audit.AuditRoutes;
import dev.meridian.core.audit.AuditSettings;
import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.auth.AccountRoutes;
import dev.meridian.core.auth.BcryptPasswordHasher;
import dev.meridian.core.auth.CredentialCheck;
import dev.meridian.core.auth.RateLimiter;
import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.auth.SignInThrottle;
import dev.meridian.core.auth.SigningKeySource;
import dev.meridian.core.auth.SigningKeys;
import dev.meridian.core.auth.TokenRoutes;
import dev.meridian.core.auth.TokenService;
import dev.meridian.core.builds.BuildEnqueuer;
import dev.meridian.core.builds.BuildRegion;
import dev.meridian.core.builds.BuildRoutes;
import dev.meridian.core.builds.TaskRoutes;
import dev.meridian.core.lifecycle.Lifecycle;
import dev.meridian.core.lifecycle.LifecycleRoutes;
import dev.meridian.core.lifecycle.gc.GarbageCollector;
import dev.meridian.core.lifecycle.gc.GcSettings;
import dev.meridian.core.lifecycle.quota.QuotaRoutes;
import dev.meridian.core.lifecycle.rules.Retained;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.replication.PullSettings;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RouteTable;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.webhooks.Deliverer;
import dev.meridian.core.webhooks.WebhookRoutes;
import dev.meridian.core.webhooks.WebhookSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One in-memory region with every capability that contributes routes under {@code /meridian/v1/},
 * as the app wires a region with peers ({@code RegistryFunctions}): the route table's test lists
 * it, the auth tests put stand-in handlers behind its real permissions, and the local module
 * checks template.yaml's routes against it.
 */
public final class EveryCapability {
  private static final Seed SEED = new Seed("aa");

  private EveryCapability() {}

  /** Every capability but auth's (tokens and accounts come with {@link #auth}). */
  public static List<AdminRoutes> capabilities(Clock clock) {
    InMemoryObjectStore bucket = new InMemoryObjectStore("meridian-eastus");
    InMemoryMetadataIndex index = new InMemoryMetadataIndex();
    Region region = new Region("eastus", SEED, bucket, index, new InMemoryEventLog());
    ReplicaSet replicas = new ReplicaSet(List.of(region));
    RegistrySettings settings = RegistrySettings.defaults("meridian", "eastus", SEED);
    BuildEnqueuer enqueuer = new BuildEnqueuer(SEED, List.of(new BuildRegion("eastus", SEED,
        new InMemoryRunIdAllocator(SEED), new InMemoryRunStore(), bucket,
        BuildRegion.UNLIMITED)), clock);
    InMemoryWebhookStore webhooks = new InMemoryWebhookStore();
    WebhookSettings webhookSettings = WebhookSettings.defaults("eastus");
    return List.of(
        new AdminApi(replicas, SEED, Map.of(), clock),
        new PullSettingsRoutes(new PullSettings(replicas, SEED)),
        new AuditRoutes(new AuditLog("eastus", new InMemoryAuditStore(), Map.of(),
            AuditSettings.defaults(), clock), "eastus"),
        new WebhookRoutes(webhooks, new Deliverer(webhooks, request -> {
          throw new AssertionError("nothing is sent");
        }, webhookSettings, clock), webhookSettings, clock),
        new BuildRoutes(enqueuer, clock, new StatedContextReader()),
        new TaskRoutes(new InMemoryTaskStore(), enqueuer, clock, new StatedContextReader()),
        new LifecycleRoutes(new GarbageCollector(replicas, SEED, Retained.NONE,
            GcSettings.defaults(), clock), replicas),
        new QuotaRoutes(new InMemoryQuotaStore(), clock),
        Lifecycle.of(bucket, Map.of("eastus", bucket), index,
            new ManifestEndpoints(settings, bucket, index, clock).service(), SEED, clock).routes());
  }

  /** Access control with no accounts: its token endpoint and account routes. */
  public static RegistryAuth auth(Clock clock) {
    InMemoryIdentityStore identities = new InMemoryIdentityStore();
    BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);
    SigningKeySource keys = SigningKeySource.of(SigningKeys.generate(clock.instant(),
        new SecureRandom()));
    CredentialCheck credentials = new CredentialCheck(identities, hasher, clock,
        Duration.ofSeconds(10));
    AccessGate gate = new AccessGate(credentials, new TokenService(keys, "meridian", "meridian",
        Duration.ofMinutes(5), clock), new RateLimiter(0, 1, clock),
        new SignInThrottle(6, 3, clock));
    return new RegistryAuth(gate, new TokenRoutes(gate),
        new AccountRoutes(identities, hasher, credentials, keys, clock));
  }

  /** The route table of a region with every capability and auth, as the assembly builds it. */
  public static RouteTable table(Clock clock) {
    InMemoryObjectStore bucket = new InMemoryObjectStore("meridian-eastus");
    InMemoryMetadataIndex index = new InMemoryMetadataIndex();
    TestRegionApi region = TestRegionApi.region(
        RegistrySettings.defaults("meridian", "eastus", SEED), bucket, index, clock)
        .auth(auth(clock));
    capabilities(clock).forEach(region::routes);
    return region.registryApi().routes();
  }

  /** Every capability's routes (not auth's), each answered by {@code handler}. */
  public static List<Route> standIns(Clock clock, Route.Handler handler) {
    return capabilities(clock).stream().flatMap(c -> c.routes().stream())
        .map(route -> route.wrapped(real -> handler)).toList();
  }
}
