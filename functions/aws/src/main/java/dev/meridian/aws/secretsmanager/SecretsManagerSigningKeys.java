package dev.meridian.aws.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.auth.SigningKey;
import dev.meridian.core.auth.SigningKeySource;
import dev.meridian.core.auth.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The token signing key ring in a Secrets Manager secret, shared by every function of every
 * region (docs/security.md "Signing keys"). The secret starts as template.yaml generates it,
 * {@code {"seed":"<64 random characters>"}}, from which every instance derives the same first
 * key; the first rotation ({@code POST /meridian/v1/signing-keys/rotate}) replaces it with the
 * ring's JSON ({@link SigningKeys#toJson()}).
 *
 * <p>Each instance re-reads the ring every {@link #CACHE}, and at once (at most once every {@link
 * #MIN_REFRESH}) when a token names a key it does not hold, so a rotation made by any instance is
 * honoured everywhere within seconds. An instance may sign with the retired key for up to
 * {@link #CACHE} after a rotation, so rotation keeps retired keys for a token lifetime plus that.
 * Two rotations at the same moment from two instances: the later write wins and tokens the
 * other's new key signed in the meantime stop verifying — rotation is a rare admin action.
 */
public final class SecretsManagerSigningKeys implements SigningKeySource {
  public static final Duration CACHE = Duration.ofMinutes(1);
  public static final Duration MIN_REFRESH = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MIN_SEED_CHARS = 32;

  private final SecretsManagerSecrets secrets;
  private final String secretId;
  private final Duration tokenLifetime;
  private final Clock clock;
  private SigningKeys cached;
  private Instant readAt;
  private Instant refreshedAt;

  public SecretsManagerSigningKeys(SecretsManagerSecrets secrets, String secretId,
      Duration tokenLifetime, Clock clock) {
    this.secrets = secrets;
    this.secretId = secretId;
    this.tokenLifetime = tokenLifetime;
    this.clock = clock;
  }

  @Override
  public synchronized SigningKeys keys() {
    return readIfOlderThan(CACHE);
  }

  @Override
  public synchronized SigningKeys refreshed() {
    // Limited apart from the regular re-reads: a token minted just after a rotation elsewhere
    // gets its re-read even if this instance read the ring a moment ago.
    if (refreshedAt != null && clock.instant().isBefore(refreshedAt.plus(MIN_REFRESH))) {
      return keys();
    }
    refreshedAt = clock.instant();
    return readIfOlderThan(Duration.ZERO);
  }

  @Override
  public synchronized SigningKeys rotate() {
    SigningKeys next = read().rotate(clock.instant(), tokenLifetime.plus(CACHE), RANDOM);
    secrets.write(secretId, next.toJson());
    cached = next;
    readAt = clock.instant();
    return next;
  }

  private SigningKeys readIfOlderThan(Duration age) {
    if (cached == null || !clock.instant().isBefore(readAt.plus(age))) {
      try {
        read();
      } catch (RuntimeException e) {
        if (cached == null) {
          throw e;
        }
        // Secrets Manager unreachable: keep verifying with the ring we have, retry next time.
        readAt = clock.instant();
      }
    }
    return cached;
  }

  private SigningKeys read() {
    SigningKeys keys = parse(secretId, secrets.read(secretId));
    cached = keys;
    readAt = clock.instant();
    return keys;
  }

  /** A ring ({@code {"keys":[…]}}) or a seed ({@code {"seed":…}}) to derive the first key from. */
  static SigningKeys parse(String secretId, String value) {
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException("secret " + secretId + " is not JSON");
    }
    if (root != null && root.has("keys")) {
      return SigningKeys.fromJson(value);
    }
    String seed = root == null ? "" : root.path("seed").asText("");
    if (seed.length() < MIN_SEED_CHARS) {
      throw new IllegalStateException("secret " + secretId + " holds neither a key ring "
          + "{\"keys\":[…]} nor a seed {\"seed\":…} of at least " + MIN_SEED_CHARS + " characters");
    }
    return fromSeed(seed);
  }

  /** The same first key on every instance: derived with SHA-256, never stored. */
  static SigningKeys fromSeed(String seed) {
    byte[] secret = sha256("meridian signing key\0" + seed);
    byte[] id = Arrays.copyOf(sha256("meridian signing key id\0" + seed), 6);
    return new SigningKeys(List.of(new SigningKey(
        "seed-" + Base64.getUrlEncoder().withoutPadding().encodeToString(id), secret, null,
        null)));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
