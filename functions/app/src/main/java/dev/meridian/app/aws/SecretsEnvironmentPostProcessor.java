package dev.meridian.app.aws;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.secretsmanager.SecretsManagerSecrets;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads the upload signing key from Secrets Manager ({@code MERIDIAN_SECRETS_UPLOAD_SIGNING_KEY})
 * into {@code meridian.upload-signing-key} before the registry's settings are bound, so the key is
 * never an environment literal on AWS. Runs once per cold start (with SnapStart,
 * before the snapshot); a secret that cannot be read stops the function from starting, because
 * a push function without the shared key would hand out Locations no other region accepts.
 */
public final class SecretsEnvironmentPostProcessor implements EnvironmentPostProcessor {
  static final String SOURCE = "meridian-secrets-manager";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment,
      SpringApplication application) {
    Binder binder = Binder.get(environment);
    SecretsProperties secrets = binder.bind("meridian.secrets", SecretsProperties.class)
        .orElse(null);
    if (secrets == null || secrets.uploadSigningKey() == null) {
      return;
    }
    MeridianProperties meridian = binder.bind("meridian", MeridianProperties.class).get();
    try (SecretsManagerSecrets manager =
        new SecretsManagerSecrets(meridian.connection(secrets.endpoint()))) {
      String key = manager.read(secrets.uploadSigningKey());
      environment.getPropertySources().addFirst(
          new MapPropertySource(SOURCE, Map.of("meridian.upload-signing-key", key)));
    }
  }
}
