package dev.meridian.app.aws;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.app.config.ReplicationProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import dev.meridian.aws.dynamodb.DynamoDbEventLog;
import dev.meridian.aws.dynamodb.DynamoDbIdentityStore;
import dev.meridian.aws.dynamodb.DynamoDbMetadataIndex;
import dev.meridian.aws.dynamodb.DynamoDbQuotaStore;
import dev.meridian.aws.s3.S3ObjectStore;
import dev.meridian.core.auth.IdentityStore;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.lifecycle.quota.QuotaStore;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The region's {@link ReplicaSet} on AWS adapters: this region's storage and event log, plus
 * each peer of {@code MERIDIAN_PEERS} — its bucket, table and event log. A peer with its own AWS
 * region gets clients for that region (same credentials), closed with this object; the others
 * share this region's clients (the local runtime: one s3proxy, one DynamoDB Local).
 */
public final class AwsReplicaSet implements AutoCloseable {

  private final ReplicaSet replicas;
  private final List<AutoCloseable> ownClients = new ArrayList<>();
  private final Map<String, IdentityStore> identityStores = new LinkedHashMap<>();
  private final Map<String, RegionTable> tables = new LinkedHashMap<>();
  private final Map<String, QuotaStore> quotaStores = new LinkedHashMap<>();

  AwsReplicaSet(MeridianProperties self, RegionStorage storage, EventLog events,
      ReplicationProperties replication, S3Client s3, S3Presigner presigner,
      DynamoDbClient dynamoDb) {
    List<Region> regions = new ArrayList<>();
    regions.add(new Region(self.region(), self.regionSeed(), storage.objects(), storage.index(), events));
    identityStores.put(self.region(), new DynamoDbIdentityStore(dynamoDb, self.table()));
    tables.put(self.region(), new RegionTable(dynamoDb, self.table()));
    quotaStores.put(self.region(), new DynamoDbQuotaStore(dynamoDb, self.table()));
    for (ReplicationProperties.Peer peer : replication.peerList()) {
      S3Client peerS3 = s3;
      S3Presigner peerPresigner = presigner;
      DynamoDbClient peerDynamoDb = dynamoDb;
      if (peer.awsRegion() != null) {
        peerS3 = own(AwsClients.s3(in(self.s3Connection(), peer.awsRegion())));
        peerPresigner = own(AwsClients.s3Presigner(in(self.s3Connection(), peer.awsRegion())));
        peerDynamoDb = own(AwsClients.dynamoDb(in(self.dynamoDbConnection(), peer.awsRegion())));
      }
      regions.add(new Region(peer.name(), peer.seed(),
          new S3ObjectStore(peerS3, peerPresigner, peer.bucket()),
          new DynamoDbMetadataIndex(peerDynamoDb, peer.table()),
          new DynamoDbEventLog(peerDynamoDb, peer.table())));
      identityStores.put(peer.name(), new DynamoDbIdentityStore(peerDynamoDb, peer.table()));
      tables.put(peer.name(), new RegionTable(peerDynamoDb, peer.table()));
      quotaStores.put(peer.name(), new DynamoDbQuotaStore(peerDynamoDb, peer.table()));
    }
    regions.sort(Comparator.comparing(Region::seed)); // seeds are given in the order added
    this.replicas = new ReplicaSet(regions);
  }

  public ReplicaSet replicaSet() {
    return replicas;
  }

  /**
   * Accounts in every region's table, this region's first: account writes go to all of them
   * (docs/security.md "Accounts").
   */
  public Map<String, IdentityStore> identityStores() {
    return identityStores;
  }

  /** Every region's table and the client that reaches it, this region's first (the audit log). */
  public Map<String, RegionTable> tables() {
    return tables;
  }

  /** A region's table name and a client for its AWS region. */
  public record RegionTable(DynamoDbClient client, String name) {}

  /** Quota rules in every region's table, this region's first (docs/lifecycle.md "Quotas"). */
  public Map<String, QuotaStore> quotaStores() {
    return quotaStores;
  }

  private <T extends AutoCloseable> T own(T client) {
    ownClients.add(client);
    return client;
  }

  private static AwsConnection in(AwsConnection base, String awsRegion) {
    return new AwsConnection(software.amazon.awssdk.regions.Region.of(awsRegion), base.endpoint(),
        base.credentials());
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : ownClients) {
      c.close();
    }
  }
}
