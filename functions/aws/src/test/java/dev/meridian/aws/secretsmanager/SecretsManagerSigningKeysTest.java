package dev.meridian.aws.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.aws.AwsConnection;
import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.aws.testing.LocalSecretsManager;
import dev.meridian.core.auth.SigningKeys;
import dev.meridian.core.auth.TokenService;
import dev.meridian.core.contract.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The signing key ring in Secrets Manager, through the real SDK client: the seed template.yaml
 * generates gives every instance the same first key, a rotation by one instance reaches the
 * others (at once for a token naming the new key, within a minute otherwise), reads are cached and
 * rate-limited, and a secret ARN is read in the region it names.
 */
class SecretsManagerSigningKeysTest {
  private static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final String SEED = "{\"seed\":\"" + "s3cr3tSeedFromCloudFormation".repeat(3)
      + "\"}";
  private final LocalSecretsManager server = LocalSecretsManager.shared();
  private final String secretId = "meridian/signing-keys-" + UUID.randomUUID();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SecretsManagerSecrets secretsA = secrets("eu-west-1");
  private final SecretsManagerSecrets secretsB = secrets("eu-west-1");

  private SecretsManagerSecrets secrets(String region) {
    return new SecretsManagerSecrets(AwsConnection.local(server.endpoint(), region,
        LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY));
  }

  @AfterEach
  void close() {
    secretsA.close();
    secretsB.close();
  }

  @Test
  void aGeneratedSeed_givesEveryInstanceTheSameFirstKey() {
    server.put(secretId, SEED);

    SigningKeys a = new SecretsManagerSigningKeys(secretsA, secretId, LIFETIME, clock).keys();
    SigningKeys b = new SecretsManagerSigningKeys(secretsB, secretId, LIFETIME, clock).keys();

    assertThat(a.current().kid()).startsWith("seed-").isEqualTo(b.current().kid());
    assertThat(a.current().secret()).isEqualTo(b.current().secret()).hasSize(32);
    assertThat(a.current().secret()).as("derived, not the seed's bytes")
        .isNotEqualTo(SEED.getBytes());
  }

  @Test
  void aRotationByOneInstance_verifiesOnAnotherAtOnce_andOldTokensStayValid() {
    server.put(secretId, SEED);
    SecretsManagerSigningKeys a = new SecretsManagerSigningKeys(secretsA, secretId, LIFETIME,
        clock);
    SecretsManagerSigningKeys b = new SecretsManagerSigningKeys(secretsB, secretId, LIFETIME,
        clock);
    TokenService onA = new TokenService(a, "meridian", "meridian", LIFETIME, clock);
    TokenService onB = new TokenService(b, "meridian", "meridian", LIFETIME, clock);
    String beforeRotation = onA.issue("alice", List.of()).token();
    String firstKid = b.keys().current().kid();

    SigningKeys rotated = a.rotate();
    String afterRotation = onA.issue("alice", List.of()).token();

    assertThat(SigningKeys.fromJson(server.value(secretId)).keys()).isEqualTo(rotated.keys());
    assertThat(rotated.find(firstKid).orElseThrow().retired()).isEqualTo(clock.instant());
    assertThat(b.keys().current().kid()).as("B's cache is still fresh").isEqualTo(firstKid);
    assertThat(onB.verify(afterRotation)).as("unknown kid: B re-reads").isPresent();
    assertThat(onB.verify(beforeRotation)).as("the retired key still verifies").isPresent();
    assertThat(b.keys().current().kid()).isEqualTo(rotated.current().kid());
  }

  @Test
  void reads_areCachedForAMinute_andForgedKidsCannotFloodSecretsManager() {
    server.put(secretId, SEED);
    SecretsManagerSigningKeys keys = new SecretsManagerSigningKeys(secretsA, secretId, LIFETIME,
        clock);

    for (int i = 0; i < 50; i++) {
      keys.keys();
    }
    assertThat(server.calls(secretId)).hasSize(1);
    for (int i = 0; i < 50; i++) {
      keys.refreshed();
    }
    assertThat(server.calls(secretId)).as("one re-read per 10 s for unknown kids").hasSize(2);

    clock.advance(SecretsManagerSigningKeys.MIN_REFRESH);
    keys.refreshed();
    keys.refreshed();
    assertThat(server.calls(secretId)).hasSize(3);

    clock.advance(SecretsManagerSigningKeys.CACHE);
    keys.keys();
    keys.keys();
    assertThat(server.calls(secretId)).hasSize(4);
  }

  @Test
  void anArn_isReadInTheRegionItNames() {
    String arn = "arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:" + secretId;
    server.put(arn, SEED);

    new SecretsManagerSigningKeys(secretsA, arn, LIFETIME, clock).keys();
    assertThatThrownBy(() -> new SecretsManagerSigningKeys(secretsA, secretId + "-bare", LIFETIME,
        clock).keys()).hasMessageContaining("cannot read secret");

    assertThat(server.calls(arn)).extracting(LocalSecretsManager.Call::signedRegion)
        .containsExactly("ap-southeast-2");
    assertThat(server.calls(secretId + "-bare")).extracting(LocalSecretsManager.Call::signedRegion)
        .containsExactly("eu-west-1");
  }

  @Test
  void aSecretHoldingNeitherRingNorSeed_failsSayingWhat() {
    server.put(secretId, "{\"seed\":\"short\"}");
    SecretsManagerSigningKeys keys = new SecretsManagerSigningKeys(secretsA, secretId, LIFETIME,
        clock);

    assertThatThrownBy(keys::keys).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(secretId).hasMessageContaining("neither a key ring");
    assertThatThrownBy(() -> new SecretsManagerSigningKeys(secretsA, secretId + "-missing",
        LIFETIME, clock).keys()).hasMessageContaining("cannot read secret");
  }

  @Test
  void whenSecretsManagerFailsLater_theCachedRingKeepsServing() {
    server.put(secretId, SEED);
    SecretsManagerSigningKeys keys = new SecretsManagerSigningKeys(secretsA, secretId, LIFETIME,
        clock);
    String kid = keys.keys().current().kid();

    server.put(secretId, "not json");
    clock.advance(SecretsManagerSigningKeys.CACHE);

    assertThat(keys.keys().current().kid()).isEqualTo(kid);
  }
}
