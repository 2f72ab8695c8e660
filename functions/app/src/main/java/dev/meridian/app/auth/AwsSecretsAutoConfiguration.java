package dev.meridian.app.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.app.aws.SecretsEnvironmentPostProcessor;
import dev.meridian.app.aws.SecretsProperties;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.secretsmanager.SecretsManagerSecrets;
import dev.meridian.aws.secretsmanager.SecretsManagerSigningKeys;
import dev.meridian.core.auth.SigningKeySource;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auth's secrets from AWS Secrets Manager (docs/aws.md "Secrets"): the signing
 * key ring and the bootstrap password, each only when template.yaml names its secret. The upload
 * signing key is read earlier, by {@link SecretsEnvironmentPostProcessor}, because the registry's
 * settings are built from properties.
 */
@AutoConfiguration
@EnableConfigurationProperties({SecretsProperties.class, AuthProperties.class})
public class AwsSecretsAutoConfiguration {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** No network until a secret is read. */
  @Bean(destroyMethod = "close")
  SecretsManagerSecrets meridianSecretsManager(MeridianProperties p, SecretsProperties secrets) {
    return new SecretsManagerSecrets(p.connection(secrets.endpoint()));
  }

  @Bean
  @ConditionalOnProperty(name = "meridian.secrets.signing-keys")
  SigningKeySource secretsManagerSigningKeys(SecretsManagerSecrets secretsManager,
      SecretsProperties secrets, AuthProperties auth) {
    return new SecretsManagerSigningKeys(secretsManager, secrets.signingKeys(),
        auth.tokenLifetime(), Clock.systemUTC());
  }

  @Bean
  @ConditionalOnProperty(name = "meridian.secrets.bootstrap-password")
  BootstrapPassword secretsManagerBootstrapPassword(SecretsManagerSecrets secretsManager,
      SecretsProperties secrets) {
    return () -> passwordOf(secretsManager.read(secrets.bootstrapPassword()));
  }

  /**
   * The {@code password} field of CloudFormation's {@code GenerateSecretString} JSON, or the
   * whole value when it is a plain string.
   */
  static String passwordOf(String value) {
    String trimmed = value.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode root = JSON.readTree(trimmed);
        if (root.hasNonNull("password")) {
          return root.get("password").asText();
        }
      } catch (IOException e) {
        // not JSON after all: the value is the password
      }
    }
    return value;
  }
}
