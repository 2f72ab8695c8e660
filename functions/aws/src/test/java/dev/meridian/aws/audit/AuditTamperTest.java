package dev.meridian.aws.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.aws.dynamodb.DynamoDbAuditStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.core.audit.AuditEntry;
import dev.meridian.core.audit.AuditLog;
import dev.meridian.core.audit.AuditSettings;
import dev.meridian.core.audit.ChainReport;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tamper evidence where the records live: one region's copy of a record is edited in its
 * DynamoDB table, as anyone with write access to the table could, and verification in that
 * region names the record while the other region's copy still verifies.
 */
class AuditTamperTest {
  private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
  private final String eastTable = dynamoDb.newTable("audit-east");
  private final String westTable = dynamoDb.newTable("audit-west");
  private final DynamoDbAuditStore east =
      new DynamoDbAuditStore(dynamoDb.client(), eastTable, AuditSettings.DEFAULT_RETENTION);
  private final DynamoDbAuditStore west =
      new DynamoDbAuditStore(dynamoDb.client(), westTable, AuditSettings.DEFAULT_RETENTION);

  @Test
  void verify_whenOneItemIsEditedInTheTable_reportsThatRecord() {
    AuditLog eastLog = new AuditLog("eastus", east, Map.of("westeurope", west),
        AuditSettings.defaults(), Clock.systemUTC());
    AuditLog westLog = new AuditLog("westeurope", west, Map.of("eastus", east),
        AuditSettings.defaults(), Clock.systemUTC());
    for (int i = 1; i <= 5; i++) {
      eastLog.append(new AuditEntry("alice", "image.push", 201, "10.0.0.1", "team/app", "v" + i,
          "", ""));
    }
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("audit#eastus"),
        "sk", AttributeValue.fromS(String.format("%020d", 4)));
    String doc = dynamoDb.client().getItem(r -> r.tableName(westTable).key(key)).item()
        .get("doc").s();
    dynamoDb.client().updateItem(r -> r.tableName(westTable).key(key)
        .updateExpression("SET doc = :d").expressionAttributeValues(Map.of(":d",
            AttributeValue.fromS(doc.replace("\"actor\":\"alice\"", "\"actor\":\"bob\"")))));

    ChainReport tampered = westLog.verify().stream().filter(r -> r.origin().equals("eastus"))
        .findFirst().orElseThrow();

    assertThat(tampered.intact()).isFalse();
    assertThat(tampered.problems()).extracting(ChainReport.Problem::sequence)
        .containsExactly(4L);
    assertThat(eastLog.verify()).allMatch(ChainReport::intact);
  }
}
