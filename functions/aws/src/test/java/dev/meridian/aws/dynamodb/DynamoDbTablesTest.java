package dev.meridian.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.aws.AwsClients;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.BlobRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Table provisioning, and the DynamoDB Local fact the local runtime builds its regions on. */
class DynamoDbTablesTest {

  private static final Digest DIGEST = Digest.parse("sha256:" + "a".repeat(64));

  private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

  @Test
  void createIfMissing_createsOnDemandTableWithTtl_andIsIdempotent() {
    String table = dynamoDb.newTable("provision");

    DynamoDbTables.createIfMissing(dynamoDb.client(), table);

    TableDescription description = dynamoDb.client().describeTable(r -> r.tableName(table)).table();
    assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(description.keySchema()).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
    assertThat(dynamoDb.client().describeTimeToLive(r -> r.tableName(table))
            .timeToLiveDescription())
        .satisfies(ttl -> {
          assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
          assertThat(ttl.attributeName()).isEqualTo(DynamoDbTables.TTL_ATTRIBUTE);
        });
  }

  @Test
  void sameTableName_inTwoRegions_holdsSeparateData() {
    try (DynamoDbClient east = AwsClients.dynamoDb(dynamoDb.connection("eastus"));
        DynamoDbClient west = AwsClients.dynamoDb(dynamoDb.connection("westeurope"))) {
      DynamoDbTables.createIfMissing(east, "meridian-region");
      DynamoDbTables.createIfMissing(west, "meridian-region");

      new DynamoDbMetadataIndex(east, "meridian-region")
          .putBlob(new BlobRecord(DIGEST, 1, Instant.EPOCH));

      assertThat(new DynamoDbMetadataIndex(east, "meridian-region").getBlob(DIGEST)).isPresent();
      assertThat(new DynamoDbMetadataIndex(west, "meridian-region").getBlob(DIGEST)).isEmpty();
    }
  }
}
