package dev.meridian.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsSecretsAutoConfigurationTest {
  @Test
  void passwordOf_readsCloudFormationsGeneratedJson_orTakesAPlainString() {
    assertThat(AwsSecretsAutoConfiguration.passwordOf(
        "{\"username\":\"admin\",\"password\":\"Xy9-generated\"}")).isEqualTo("Xy9-generated");
    assertThat(AwsSecretsAutoConfiguration.passwordOf("plain-password-0123"))
        .isEqualTo("plain-password-0123");
    assertThat(AwsSecretsAutoConfiguration.passwordOf("{not json")).isEqualTo("{not json");
  }
}
