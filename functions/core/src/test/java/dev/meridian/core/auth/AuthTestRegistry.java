package dev.meridian.core.auth;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.fakes.EveryCapability;
import dev.meridian.core.fakes.InMemoryIdentityStore;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.settings.RegistrySettings;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A registry with access control over in-memory fakes, with accounts for the auth tests: {@code
 * reader} (pull team/**), {@code pusher} (pull, push team/**), {@code admin}. Behind auth, every
 * route of {@code /meridian/v1/} keeps its real permission and answers 200 with a stand-in: these
 * tests are about who gets in, and the webhook and build routes have their own tests.
 */
final class AuthTestRegistry {
  static final String PASSWORD = "correct horse battery";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final InMemoryIdentityStore identities = new InMemoryIdentityStore();
  final PasswordHasher hasher = new BcryptPasswordHasher(4);
  SigningKeys keys = SigningKeys.generate(T0, new SecureRandom());
  final SigningKeySource keySource = new SigningKeySource() {
    @Override
    public SigningKeys keys() {
      return keys;
    }

    @Override
    public SigningKeys rotate() {
      keys = keys.rotate(clock.instant(), Duration.ofMinutes(5), new SecureRandom());
      return keys;
    }
  };
  final TokenService tokens =
      new TokenService(keySource, "meridian", "meridian", Duration.ofMinutes(5), clock);
  final CredentialCheck credentials =
      new CredentialCheck(identities, hasher, clock, Duration.ofSeconds(10));
  final AccessGate gate;
  final ManifestTestRegistry registry;

  AuthTestRegistry() {
    this(0, 1);
  }

  /** With a request limit of {@code rate} a second, bursts of {@code burst} (rate 0: none). */
  AuthTestRegistry(double rate, double burst) {
    gate = new AccessGate(credentials, tokens, new RateLimiter(rate, burst, clock),
        new SignInThrottle(6, 3, clock)); // 3 failures, then one per 10 s
    List<Route> adminStandIns = EveryCapability.standIns(clock,
        (request, path) -> new HttpResponse(200, new HttpHeaders(),
            ResponseBody.of("{}".getBytes(StandardCharsets.UTF_8))));
    registry = new ManifestTestRegistry(RegistrySettings.defaults("meridian", "eastus", new Seed("aa")),
        adminStandIns, new RegistryAuth(gate, new TokenRoutes(gate),
            new AccountRoutes(identities, hasher, credentials, keySource, clock)));
    account("reader", Set.of(), Grant.of("team/**", Action.PULL));
    account("pusher", Set.of(), Grant.of("team/**", Action.PULL, Action.PUSH));
    account("admin", Set.of(RegistryPermission.ADMIN));
  }

  void account(String name, Set<RegistryPermission> permissions, Grant... grants) {
    identities.create(Identity.create(name, Identity.Kind.USER, hasher.hash(PASSWORD),
        List.of(grants), permissions, clock.instant()));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A bearer token for {@code subject} with exactly {@code access}, as the token server signs. */
  String bearer(String subject, TokenAccess... access) {
    return "Bearer " + tokens.issue(subject, List.of(access)).token();
  }

  HttpResponse send(String method, String path, String authorization) {
    return authorization == null
        ? registry.send(method, path, null, null)
        : registry.send(method, path, null, null, "Authorization", authorization);
  }
}
