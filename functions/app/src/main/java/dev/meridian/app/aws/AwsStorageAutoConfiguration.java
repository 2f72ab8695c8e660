package dev.meridian.app.aws;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.app.config.ReplicationProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.dynamodb.DynamoDbEventLog;
import dev.meridian.aws.dynamodb.DynamoDbWebhookStore;
import dev.meridian.core.auth.IdentityStore;
import dev.meridian.core.auth.ReplicatedIdentityStore;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.lifecycle.quota.QuotaStore;
import dev.meridian.core.lifecycle.quota.ReplicatedQuotaStore;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.webhooks.WebhookStore;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The region's storage on AWS (or on any S3/DynamoDB endpoint set in {@link MeridianProperties}).
 * An auto-configuration, so that a {@link RegionStorage} bean from tests or from the local runtime
 * is seen first and replaces all of this, clients, event log and replica set included.
 */
@AutoConfiguration
@ConditionalOnMissingBean(RegionStorage.class)
public class AwsStorageAutoConfiguration {

  @Bean(destroyMethod = "close")
  S3Client meridianS3(MeridianProperties p) {
    return AwsClients.s3(p.s3Connection());
  }

  @Bean(destroyMethod = "close")
  S3Presigner meridianS3Presigner(MeridianProperties p) {
    return AwsClients.s3Presigner(p.s3Connection());
  }

  @Bean(destroyMethod = "close")
  DynamoDbClient meridianDynamoDb(MeridianProperties p) {
    return AwsClients.dynamoDb(p.dynamoDbConnection());
  }

  @Bean
  RegionStorage regionStorage(
      S3Client s3,
      S3Presigner presigner,
      DynamoDbClient dynamoDb,
      MeridianProperties p) {
    return AwsRegionStorage.connect(s3, presigner, dynamoDb, p);
  }

  /** The region's event log, in its table (local pushes, arrivals, {@code replicated}). */
  @Bean
  EventLog regionEventLog(DynamoDbClient dynamoDb, MeridianProperties p) {
    return new DynamoDbEventLog(dynamoDb, p.table());
  }

  /** The region's webhooks, deliveries and dispatch cursor, in its table (docs/webhooks.md). */
  @Bean
  WebhookStore regionWebhookStore(DynamoDbClient dynamoDb, MeridianProperties p) {
    return new DynamoDbWebhookStore(dynamoDb, p.table());
  }

  @Bean(destroyMethod = "close")
  AwsReplicaSet awsReplicaSet(MeridianProperties p, ReplicationProperties replication,
      RegionStorage regionStorage, EventLog regionEventLog, S3Client s3, S3Presigner presigner,
      DynamoDbClient dynamoDb) {
    return new AwsReplicaSet(p, regionStorage, regionEventLog, replication, s3, presigner,
        dynamoDb);
  }

  /** Accounts: read from this region's table, written to every region's (docs/security.md). */
  @Bean
  IdentityStore identityStore(AwsReplicaSet awsReplicaSet, MeridianProperties p) {
    Map<String, IdentityStore> all = awsReplicaSet.identityStores();
    return new ReplicatedIdentityStore(all.get(p.region()), all);
  }

  /** Quota rules: read from this region's table, written to every region's (docs/lifecycle.md). */
  @Bean
  QuotaStore quotaStore(AwsReplicaSet awsReplicaSet, MeridianProperties p) {
    Map<String, QuotaStore> all = awsReplicaSet.quotaStores();
    return new ReplicatedQuotaStore(all.get(p.region()), all);
  }

  @Bean
  ReplicaSet replicaSet(AwsReplicaSet awsReplicaSet) {
    return awsReplicaSet.replicaSet();
  }
}
