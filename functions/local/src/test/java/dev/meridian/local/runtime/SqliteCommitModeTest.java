package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A persistent DynamoDB Local commits through a write-ahead log (SqliteCommitMode). */
class SqliteCommitModeTest {

  @Test
  void start_whenPersistent_commitsThroughAWriteAheadLog(@TempDir Path dir) throws Exception {
    try (DynamoDbLocalServer server =
        DynamoDbLocalServer.start(dir, FreePorts.pick(), "commitmode", "us-east-1");
        DynamoDbClient client = AwsClients.dynamoDb(
            AwsConnection.local(server.endpoint(), "us-east-1", "commitmode", "unused"))) {
      client.createTable(r -> r.tableName("commit-mode").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
      client.putItem(r -> r.tableName("commit-mode")
          .item(Map.of("pk", AttributeValue.fromS("kept"))));

      // SQLite keeps a WAL database's recent commits in <db>-wal (a rollback journal leaves none)
      assertThat(dir.resolve("commitmode_us-east-1.db")).exists();
      assertThat(dir.resolve("commitmode_us-east-1.db-wal")).exists();
      assertThat(Files.size(dir.resolve("commitmode_us-east-1.db-wal"))).isPositive();
      assertThat(client.getItem(r -> r.tableName("commit-mode").consistentRead(true)
          .key(Map.of("pk", AttributeValue.fromS("kept")))).item()).isNotEmpty();
    }
  }

  @Test
  void relax_whenTheObjectHoldsNoDatabase_switchesNothing() {
    assertThat(SqliteCommitMode.relax(new Object())).isZero();
  }
}
