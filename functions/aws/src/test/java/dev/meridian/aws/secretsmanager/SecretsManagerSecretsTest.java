package dev.meridian.aws.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class SecretsManagerSecretsTest {
  @Test
  void regionOf_anArn_isItsRegion_aNameIsTheFunctionsOwn() {
    Region home = Region.EU_WEST_1;
    assertThat(SecretsManagerSecrets.regionOf(
        "arn:aws:secretsmanager:us-east-2:123456789012:secret:meridian/keys-AbCdEf", home))
        .isEqualTo(Region.US_EAST_2);
    assertThat(SecretsManagerSecrets.regionOf("meridian/keys", home)).isEqualTo(home);
    assertThat(SecretsManagerSecrets.regionOf("arn:aws:s3:::bucket", home)).isEqualTo(home);
  }
}
