package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.auth.AccountRoutes;
import dev.meridian.core.auth.BcryptPasswordHasher;
import dev.meridian.core.auth.CredentialCheck;
import dev.meridian.core.auth.PasswordHasher;
import dev.meridian.core.auth.RateLimiter;
import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.auth.SignInThrottle;
import dev.meridian.core.auth.SigningKeySource;
import dev.meridian.core.auth.SigningKeys;
import dev.meridian.core.auth.TokenRoutes;
import dev.meridian.core.auth.TokenService;
import dev.meridian.core.fakes.InMemoryIdentityStore;
import dev.meridian.core.route.BlobRoutes;
import dev.meridian.core.route.ManifestRoutes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** SnapStart's hooks: priming changes nothing; a restore refreshes keys. */
class SnapStartPrimingTest {

  @Test
  void beforeCheckpoint_sendsOnlyUnauthenticatedReadsThroughTheHandler() {
    List<APIGatewayV2HTTPEvent> seen = new ArrayList<>();
    SnapStartPriming priming = new SnapStartPriming(e -> {
      seen.add(e);
      return status(401);
    }, () -> { });

    priming.beforeCheckpoint(null);

    assertThat(seen).hasSize(SnapStartPriming.PRIMING_REQUESTS.size());
    assertThat(seen).allSatisfy(e -> {
      assertThat(e.getRequestContext().getHttp().getMethod()).isIn("GET", "HEAD");
      assertThat(e.getHeaders()).doesNotContainKey("authorization");
      assertThat(e.getBody()).isNull();
    });
  }

  @Test
  void beforeCheckpoint_whenARequestIsNotRefused_stopsPriming() {
    AtomicInteger calls = new AtomicInteger();
    new SnapStartPriming(e -> {
      calls.incrementAndGet();
      return status(200); // access control off: priming must not go on touching storage
    }, () -> { }).beforeCheckpoint(null);

    assertThat(calls).hasValue(1);
  }

  @Test
  void beforeCheckpoint_throughTheRealHandlerWithAuthOn_isRefusedBeforeAnyRoute() {
    refusedBeforeAnyRoute(SnapStartPriming.PRIMING_REQUESTS);
  }

  @Test
  void beforeCheckpoint_pushRequestsThroughTheRealHandlerWithAuthOn_areRefusedBeforeAnyRoute() {
    refusedBeforeAnyRoute(SnapStartPriming.PUSH_PRIMING_REQUESTS);
  }

  private void refusedBeforeAnyRoute(List<String[]> requests) {
    AtomicInteger routed = new AtomicInteger();
    BlobRoutes blobs = (BlobRoutes) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {BlobRoutes.class}, (p, m, a) -> {
          routed.incrementAndGet();
          throw new AssertionError("a priming request reached " + m.getName());
        });
    ManifestRoutes manifests = (ManifestRoutes) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ManifestRoutes.class}, (p, m, a) -> {
          routed.incrementAndGet();
          throw new AssertionError("a priming request reached " + m.getName());
        });
    RegistryHttpApi api = new RegistryHttpApi(blobs, manifests, List.of(),
        registryAuth());
    List<Integer> statuses = new ArrayList<>();
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
        new ApiGatewayHttpFunction(api::handle)::apply;

    new SnapStartPriming(e -> {
      APIGatewayV2HTTPResponse r = handler.apply(e);
      statuses.add(r.getStatusCode());
      return r;
    }, requests, () -> { }, () -> { }).beforeCheckpoint(null);

    assertThat(statuses).hasSize(requests.size()).containsOnly(401);
    assertThat(routed).hasValue(0);
  }

  @Test
  void afterRestore_refreshesTheSigningKeys() {
    AtomicInteger refreshes = new AtomicInteger();
    SigningKeys keys = SigningKeys.generate(Instant.now(), new SecureRandom());
    SigningKeySource source = new SigningKeySource() {
      @Override
      public SigningKeys keys() {
        return keys;
      }

      @Override
      public SigningKeys refreshed() {
        refreshes.incrementAndGet();
        return keys;
      }
    };
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("keys", source);

    SnapStartConfiguration.afterRestore(beans.getBeanProvider(SigningKeySource.class),
        beans.getBeanProvider(dev.meridian.app.auth.AdminBootstrapOnStart.class));

    assertThat(refreshes).hasValue(1);
  }

  @Test
  void configuration_registersOnlyForASnapStartInit() {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SnapStartConfiguration.class));

    runner.run(c -> assertThat(c).doesNotHaveBean("snapStartPriming"));
    runner.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start",
            "spring.cloud.function.definition=replicateS3")
        .run(c -> assertThat(c).hasBean("snapStartPriming"));
  }

  /** Access control over an empty in-memory account store, as a fresh region has it. */
  private static RegistryAuth registryAuth() {
    InMemoryIdentityStore identities = new InMemoryIdentityStore();
    PasswordHasher hasher = new BcryptPasswordHasher(4);
    Clock clock = Clock.systemUTC();
    SigningKeySource keys = SigningKeySource.of(SigningKeys.generate(clock.instant(),
        new SecureRandom()));
    CredentialCheck credentials = new CredentialCheck(identities, hasher, clock,
        Duration.ofSeconds(10));
    AccessGate gate = new AccessGate(credentials,
        new TokenService(keys, "meridian", "meridian", Duration.ofMinutes(5), clock),
        RateLimiter.unlimited(), SignInThrottle.unlimited());
    return new RegistryAuth(gate, new TokenRoutes(gate),
        new AccountRoutes(identities, hasher, credentials, keys, clock));
  }

  private static APIGatewayV2HTTPResponse status(int code) {
    APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
    r.setStatusCode(code);
    return r;
  }
}
