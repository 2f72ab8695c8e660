package dev.meridian.app.aws;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AWS Secrets Manager secrets a region's functions read (docs/aws.md "Secrets"), by name or
 * ARN; an ARN is read in the region it names, so every region can share the first region's
 * secrets. Unset: the local runtime's file and environment settings apply instead.
 *
 * @param signingKeys the token signing key ring ({@code MERIDIAN_SECRETS_SIGNING_KEYS}): a seed
 *     {@code {"seed":…}} as template.yaml generates it, then the ring JSON after a rotation
 * @param bootstrapPassword the {@code admin} account's first password ({@code
 *     MERIDIAN_SECRETS_BOOTSTRAP_PASSWORD}): {@code {"username":"admin","password":…}} or a plain
 *     string; read only while the account is missing
 * @param uploadSigningKey the key that signs upload Locations ({@code
 *     MERIDIAN_SECRETS_UPLOAD_SIGNING_KEY}), read at start into {@code meridian.upload-signing-key}
 * @param endpoint a Secrets Manager endpoint override ({@code MERIDIAN_SECRETS_ENDPOINT}; tests
 *     and LocalStack, never on AWS)
 */
@ConfigurationProperties("meridian.secrets")
public record SecretsProperties(String signingKeys, String bootstrapPassword,
    String uploadSigningKey, URI endpoint) {

  public SecretsProperties {
    signingKeys = blankToNull(signingKeys);
    bootstrapPassword = blankToNull(bootstrapPassword);
    uploadSigningKey = blankToNull(uploadSigningKey);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
