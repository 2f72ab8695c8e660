package dev.meridian.aws.secretsmanager;

import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Secret strings in AWS Secrets Manager, by name or ARN. An ARN names its region ({@code
 * arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME}) and is read there: the secrets a replica set
 * shares live in its first region's stack and the other regions read them by ARN (docs/aws.md
 * "Secrets"). A bare name is read in this function's own region.
 */
public final class SecretsManagerSecrets implements AutoCloseable {
  private final Region home;
  private final Function<Region, SecretsManagerClient> connect;
  private final Map<Region, SecretsManagerClient> clients = new ConcurrentHashMap<>();

  public SecretsManagerSecrets(AwsConnection connection) {
    this.home = connection.region();
    this.connect = region -> AwsClients.secretsManager(
        new AwsConnection(region, connection.endpoint(), connection.credentials()));
  }

  /** The secret's current ({@code AWSCURRENT}) string value. */
  public String read(String secretId) {
    try {
      GetSecretValueResponse value = client(secretId).getSecretValue(r -> r.secretId(secretId));
      if (value.secretString() == null) {
        throw new IllegalStateException("secret " + secretId + " holds binary, not a string");
      }
      return value.secretString();
    } catch (SdkException e) {
      throw new IllegalStateException("cannot read secret " + secretId + ": " + e.getMessage(), e);
    }
  }

  /** Stores {@code value} as the secret's new current version. */
  public void write(String secretId, String value) {
    try {
      client(secretId).putSecretValue(r -> r.secretId(secretId).secretString(value));
    } catch (SdkException e) {
      throw new IllegalStateException("cannot write secret " + secretId + ": " + e.getMessage(),
          e);
    }
  }

  /** The region an ARN names, else {@code fallback}. */
  static Region regionOf(String secretId, Region fallback) {
    String[] parts = secretId.split(":", 7);
    if (parts.length >= 7 && parts[0].equals("arn") && parts[2].equals("secretsmanager")
        && !parts[3].isEmpty()) {
      return Region.of(parts[3]);
    }
    return fallback;
  }

  private SecretsManagerClient client(String secretId) {
    return clients.computeIfAbsent(regionOf(secretId, home), connect);
  }

  @Override
  public void close() {
    clients.values().forEach(SecretsManagerClient::close);
    clients.clear();
  }
}
