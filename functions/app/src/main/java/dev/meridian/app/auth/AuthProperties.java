package dev.meridian.app.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Auth settings, bound from {@code MERIDIAN_AUTH_*} (docs/security.md "Settings").
 *
 * @param enabled access control on (default); false leaves every endpoint open — only for tests
 *     of other features, never exposed by the local runtime's flags
 * @param service the token service name in challenges and the tokens' audience (default {@code
 *     meridian})
 * @param tokenLifetime how long an issued token is valid (default 5m, as Docker Hub's)
 * @param bcryptCost bcrypt cost of stored secrets (default 10)
 * @param cacheTtl how long an instance trusts a cached account read or checked password
 *     (default 10s): the longest a password change or deletion takes to reach it
 * @param rateLimit requests a second per account, or per address for anonymous callers (default
 *     1000; 0 disables)
 * @param rateBurst the bucket size (default 2 × rateLimit)
 * @param failedSignInsPerMinute wrong credentials allowed per account name and per address a
 *     minute, after a burst of 10 (default 6)
 * @param signingKeysFile a JSON key ring file the registry owns and rotates (the local runtime);
 *     on AWS the ring is a secret instead ({@code MERIDIAN_SECRETS_SIGNING_KEYS}, {@link
 *     dev.meridian.app.aws.SecretsProperties})
 * @param bootstrap create the {@code admin} account when a function starts, if it is missing,
 *     with the configured bootstrap password (the AWS functions; the local runtime bootstraps
 *     itself and prints a generated password)
 */
@ConfigurationProperties("meridian.auth")
public record AuthProperties(
    Boolean enabled,
    String service,
    Duration tokenLifetime,
    Integer bcryptCost,
    Duration cacheTtl,
    Double rateLimit,
    Double rateBurst,
    Double failedSignInsPerMinute,
    String signingKeysFile,
    Boolean bootstrap) {

  public AuthProperties {
    enabled = enabled == null || enabled;
    service = service == null || service.isBlank() ? "meridian" : service;
    tokenLifetime = tokenLifetime == null ? Duration.ofMinutes(5) : tokenLifetime;
    bcryptCost = bcryptCost == null ? 10 : bcryptCost;
    cacheTtl = cacheTtl == null ? Duration.ofSeconds(10) : cacheTtl;
    rateLimit = rateLimit == null ? 1000.0 : rateLimit;
    rateBurst = rateBurst == null ? 2 * rateLimit : rateBurst;
    failedSignInsPerMinute = failedSignInsPerMinute == null ? 6.0 : failedSignInsPerMinute;
    bootstrap = bootstrap != null && bootstrap;
  }
}
