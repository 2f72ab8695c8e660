package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.num;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;

import dev.meridian.core.events.PublishCursor;
import dev.meridian.core.storage.StorageLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The event bus publisher's cursor: one item ({@code counter#publish-cursor / counter}) holding
 * the position {@code n} and, while a publisher works, its {@code claim} token and {@code
 * claimUntil} (epoch millis). Both moves are conditional puts: a claim only on the position read
 * and with no live claim; a completion only while the claim is the caller's.
 */
public final class DynamoDbPublishCursor implements PublishCursor {
  private static final Map<String, String> NAMES =
      Map.of("#n", "n", "#claim", "claim", "#until", "claimUntil");

  private final DynamoDbTable table;

  public DynamoDbPublishCursor(DynamoDbClient dynamoDb, String tableName) {
    this.table = new DynamoDbTable(dynamoDb, tableName);
  }

  @Override
  public Optional<Claim> claim(Instant now, Duration lease) {
    Optional<Map<String, AttributeValue>> current =
        table.get(StorageLayout.PUBLISH_CURSOR_PK, StorageLayout.COUNTER_SK);
    long position = current.map(item -> num(item, "n")).orElse(0L);
    String token = UUID.randomUUID().toString();
    Map<String, AttributeValue> item = item(position);
    item.put("claim", s(token));
    item.put("claimUntil", n(now.plus(lease).toEpochMilli()));
    boolean claimed = current.isEmpty()
        ? table.putIf(item, "attribute_not_exists(pk)", Map.of(), Map.of())
        : table.putIf(item, "#n = :n AND (attribute_not_exists(#claim) OR #until <= :now)",
            NAMES, Map.of(":n", n(position), ":now", n(now.toEpochMilli())));
    return claimed ? Optional.of(new Claim(position, token)) : Optional.empty();
  }

  @Override
  public boolean complete(Claim claim, long next) {
    return table.putIf(item(next), "#claim = :token", Map.of("#claim", "claim"),
        Map.of(":token", s(claim.token())));
  }

  private static Map<String, AttributeValue> item(long position) {
    Map<String, AttributeValue> item = new HashMap<>(
        DynamoDbItems.key(StorageLayout.PUBLISH_CURSOR_PK, StorageLayout.COUNTER_SK));
    item.put("n", n(position));
    return item;
  }
}
