package dev.meridian.app.auth;

import dev.meridian.app.aws.AwsStorageAutoConfiguration;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.auth.AccountRoutes;
import dev.meridian.core.auth.AdminBootstrap;
import dev.meridian.core.auth.BcryptPasswordHasher;
import dev.meridian.core.auth.CredentialCheck;
import dev.meridian.core.auth.IdentityStore;
import dev.meridian.core.auth.PasswordHasher;
import dev.meridian.core.auth.RateLimiter;
import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.auth.SignInThrottle;
import dev.meridian.core.auth.SigningKeySource;
import dev.meridian.core.auth.SigningKeys;
import dev.meridian.core.auth.TokenRoutes;
import dev.meridian.core.auth.TokenService;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Access control (docs/security.md) over the region's {@link IdentityStore}: the
 * password hasher, the signing keys, the token service, the rate limiters, and the {@link
 * RegistryAuth} that {@code RegistryFunctions} puts in front of every route. On unless {@code
 * MERIDIAN_AUTH_ENABLED=false}; absent when the context has no identity store (tests that
 * replace the storage).
 */
@AutoConfiguration(after = {AwsStorageAutoConfiguration.class, AwsSecretsAutoConfiguration.class})
@ConditionalOnBean(IdentityStore.class)
@ConditionalOnProperty(name = "meridian.auth.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AuthProperties.class)
public class AuthFunctions {
  private static final System.Logger LOG = System.getLogger(AuthFunctions.class.getName());

  @Bean
  PasswordHasher passwordHasher(AuthProperties p) {
    return new BcryptPasswordHasher(p.bcryptCost());
  }

  /**
   * The key ring: a file (local runtime), else a bean from the AWS configuration (Secrets
   * Manager), else — a single process only — a ring generated in memory, with a warning.
   */
  @Bean
  @ConditionalOnMissingBean(SigningKeySource.class)
  SigningKeySource signingKeySource(AuthProperties p) {
    if (p.signingKeysFile() != null && !p.signingKeysFile().isBlank()) {
      return new FileSigningKeys(Path.of(p.signingKeysFile()), p.tokenLifetime(),
          Clock.systemUTC());
    }
    LOG.log(System.Logger.Level.WARNING, "no MERIDIAN_AUTH_SIGNING_KEYS_FILE or "
        + "MERIDIAN_SECRETS_SIGNING_KEYS: tokens are signed with an in-memory key that other "
        + "instances do not know");
    return SigningKeySource.of(SigningKeys.generate(Clock.systemUTC().instant(),
        new SecureRandom()));
  }

  @Bean
  CredentialCheck credentialCheck(IdentityStore store, PasswordHasher hasher, AuthProperties p) {
    return new CredentialCheck(store, hasher, Clock.systemUTC(), p.cacheTtl());
  }

  @Bean
  RegistryAuth registryAuth(IdentityStore store, PasswordHasher hasher,
      CredentialCheck credentials, SigningKeySource keys, AuthProperties p,
      ObjectProvider<MeridianProperties> meridian) {
    // The token realm comes from the region's configured public URL when there is one, never
    // from the request's Host (docs/security.md, "Token realm").
    MeridianProperties m = meridian.getIfAvailable();
    URI publicEndpoint = m == null ? null : m.registrySettings().publicEndpoint();
    TokenService tokens = new TokenService(keys, p.service(), p.service(), p.tokenLifetime(),
        Clock.systemUTC());
    AccessGate gate = new AccessGate(credentials, tokens,
        new RateLimiter(p.rateLimit(), p.rateBurst(), Clock.systemUTC()),
        new SignInThrottle(p.failedSignInsPerMinute(), 10, Clock.systemUTC()), publicEndpoint);
    return new RegistryAuth(gate, new TokenRoutes(gate),
        new AccountRoutes(store, hasher, credentials, keys, Clock.systemUTC()));
  }

  /**
   * Creates the {@code admin} account when missing. The local runtime calls {@link #run} once and
   * prints a generated password; on AWS {@link AdminBootstrapOnStart} runs it with the password
   * from the Secrets Manager secret template.yaml generates ({@code
   * MERIDIAN_SECRETS_BOOTSTRAP_PASSWORD}, a {@link BootstrapPassword} bean of {@link
   * AwsSecretsAutoConfiguration}).
   */
  @Bean
  AuthBootstrap authBootstrap(IdentityStore store, PasswordHasher hasher,
      @Value("${meridian.bootstrap-password:}") String password) {
    return new AuthBootstrap(store, hasher, password);
  }

  /** {@code MERIDIAN_BOOTSTRAP_PASSWORD}, or on AWS the secret's password field. */
  @Bean
  @ConditionalOnMissingBean(BootstrapPassword.class)
  BootstrapPassword bootstrapPassword(@Value("${meridian.bootstrap-password:}") String password) {
    return () -> password;
  }

  /** The AWS functions' bootstrap at start ({@code MERIDIAN_AUTH_BOOTSTRAP=true}). */
  @Bean
  @ConditionalOnProperty(name = "meridian.auth.bootstrap", havingValue = "true")
  AdminBootstrapOnStart adminBootstrapOnStart(AuthBootstrap bootstrap,
      BootstrapPassword password) {
    return new AdminBootstrapOnStart(bootstrap, password);
  }

  /** The bootstrap step, run by whoever starts the registry. */
  public record AuthBootstrap(IdentityStore store, PasswordHasher hasher, String password) {
    /** A generated password when the account was created just now without a configured one. */
    public Optional<String> run() {
      return AdminBootstrap.ensure(store, hasher, password, Clock.systemUTC());
    }
  }
}
