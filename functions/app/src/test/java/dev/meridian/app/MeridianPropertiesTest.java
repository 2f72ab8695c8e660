package dev.meridian.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binding from the environment variables that template.yaml and docs/local-runtime.md name. */
class MeridianPropertiesTest {

  @Test
  void bind_whenEveryVariableSet_bindsEach() {
    Map<String, Object> env = new HashMap<>();
    env.put("MERIDIAN_REGISTRY", "acme");
    env.put("MERIDIAN_REGION", "westeurope");
    env.put("MERIDIAN_SEED", "ab");
    env.put("MERIDIAN_BUCKET", "b-1");
    env.put("MERIDIAN_TABLE", "t-1");
    env.put("MERIDIAN_BLOB_DELIVERY", "stream");
    env.put("MERIDIAN_PRESIGN_VALIDITY", "5m");
    env.put("MERIDIAN_AWS_REGION", "eu-west-1");
    env.put("MERIDIAN_S3_ENDPOINT", "http://127.0.0.1:9000");
    env.put("MERIDIAN_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");
    env.put("MERIDIAN_ACCESS_KEY_ID", "key");
    env.put("MERIDIAN_SECRET_ACCESS_KEY", "secret");
    env.put("MERIDIAN_UPLOAD_TTL", "2h");

    MeridianProperties p = bind(env);

    assertThat(p.registry()).isEqualTo("acme");
    assertThat(p.region()).isEqualTo("westeurope");
    assertThat(p.seed()).isEqualTo("ab");
    assertThat(p.bucket()).isEqualTo("b-1");
    assertThat(p.table()).isEqualTo("t-1");
    assertThat(p.blobDelivery()).isEqualTo(BlobDelivery.STREAM);
    assertThat(p.presignValidity()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.awsRegion()).isEqualTo("eu-west-1");
    assertThat(p.s3Endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(p.dynamodbEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8000"));
    assertThat(p.accessKeyId()).isEqualTo("key");
    assertThat(p.secretAccessKey()).isEqualTo("secret");
    assertThat(p.uploadTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(p.registrySettings().uploadTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(p.toString()).doesNotContain("secret");
  }

  @Test
  void bind_whenOnlyRegionAndSeed_appliesDefaults() {
    MeridianProperties p = bind(Map.of("MERIDIAN_REGION", "eastus", "MERIDIAN_SEED", "aa"));

    assertThat(p.registry()).isEqualTo("meridian");
    assertThat(p.bucket()).isEqualTo("meridian-eastus");
    assertThat(p.table()).isEqualTo("meridian-eastus");
    assertThat(p.blobDelivery()).isEqualTo(BlobDelivery.REDIRECT);
    assertThat(p.presignValidity()).isEqualTo(Duration.ofMinutes(20));
    assertThat(p.s3Endpoint()).isNull();
    assertThat(p.accessKeyId()).isNull();
    assertThat(p.registrySettings().regionSeed()).isEqualTo(new Seed("aa"));
    assertThat(p.uploadTtl()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void bind_whenUploadTtlNotPositive_fails() {
    assertThatThrownBy(() -> bind(Map.of("MERIDIAN_REGION", "eastus", "MERIDIAN_SEED", "aa",
        "MERIDIAN_UPLOAD_TTL", "0s")))
        .isInstanceOf(BindException.class)
        .hasRootCauseMessage("meridian.upload-ttl (MERIDIAN_UPLOAD_TTL) must be positive; got PT0S");
  }

  @Test
  void bind_whenSeedNotBase32_fails() {
    // 'i', 'l', 'o', 'z' are not in Meridian's base-32 alphabet.
    assertThatThrownBy(() -> bind(Map.of("MERIDIAN_REGION", "eastus", "MERIDIAN_SEED", "ai")))
        .isInstanceOf(BindException.class)
        .hasRootCauseMessage(
            "meridian.seed (MERIDIAN_SEED) must be two base-32 characters, e.g. aa; got ai");
  }

  @Test
  void bind_whenRegionMissing_fails() {
    assertThatThrownBy(() -> bind(Map.of("MERIDIAN_SEED", "aa")))
        .isInstanceOf(BindException.class)
        .hasRootCauseMessage("meridian.region (MERIDIAN_REGION) is required");
  }

  @Test
  void bind_whenOnlyAccessKeyGiven_fails() {
    assertThatThrownBy(() -> bind(Map.of("MERIDIAN_REGION", "eastus", "MERIDIAN_SEED", "aa",
            "MERIDIAN_ACCESS_KEY_ID", "key")))
        .isInstanceOf(BindException.class);
  }

  private static MeridianProperties bind(Map<String, Object> env) {
    var source = new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env);
    return new Binder(ConfigurationPropertySources.from(source))
        .bind("meridian", MeridianProperties.class)
        .get();
  }
}
