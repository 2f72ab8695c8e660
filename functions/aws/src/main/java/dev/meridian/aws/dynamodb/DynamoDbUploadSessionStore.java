package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.n;

import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link UploadSessionStore} on the region's table: item {@code upload#<id>}/{@code upload} with a
 * {@code ttl} attribute so DynamoDB eventually deletes abandoned sessions. TTL deletion is lazy
 * (up to days on AWS, never on DynamoDB Local), so expiry is also checked here: exactly on reads,
 * to the second in the update condition.
 */
public final class DynamoDbUploadSessionStore implements UploadSessionStore {

  private static final Map<String, String> PK_NAME = Map.of("#pk", StorageLayout.PK);

  private final DynamoDbTable table;
  private final Clock clock;

  public DynamoDbUploadSessionStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
    this.table = new DynamoDbTable(dynamoDb, tableName);
    this.clock = clock;
  }

  public DynamoDbUploadSessionStore(DynamoDbClient dynamoDb, String tableName) {
    this(dynamoDb, tableName, Clock.systemUTC());
  }

  @Override
  public void create(UploadSession session) {
    if (!table.putIf(DynamoDbItems.session(session), "attribute_not_exists(#pk)", PK_NAME, Map.of())) {
      throw new StorageException("upload session exists: " + session.id());
    }
  }

  @Override
  public Optional<UploadSession> get(String id) {
    return table.get(StorageLayout.uploadPk(id), StorageLayout.UPLOAD_SK)
        .map(DynamoDbItems::session)
        .filter(s -> s.expiresAt().isAfter(clock.instant()));
  }

  @Override
  public Optional<UploadSession> stored(String id) {
    return table.get(StorageLayout.uploadPk(id), StorageLayout.UPLOAD_SK)
        .map(DynamoDbItems::session);
  }

  /**
   * A Scan of the table for upload items whose {@code ttl} has passed: fine for the local
   * runtime's sweeper, which is its only caller (on AWS, DynamoDB's TTL and the bucket's
   * lifecycle rule clean up, and nothing scans). {@code ttl} is whole seconds rounded up, so the
   * scan compares with the cutoff rounded up and the exact instant is checked here.
   */
  @Override
  public List<UploadSession> expired(Instant cutoff, int limit) {
    return table.scan("#sk = :upload AND #ttl <= :cutoff",
            Map.of("#sk", StorageLayout.SK, "#ttl", "ttl"),
            Map.of(":upload", DynamoDbItems.s(StorageLayout.UPLOAD_SK),
                ":cutoff", n(DynamoDbItems.ttlSeconds(cutoff))),
            item -> !DynamoDbItems.session(item).expiresAt().isAfter(cutoff), limit)
        .stream().map(DynamoDbItems::session).toList();
  }

  @Override
  public boolean update(UploadSession next, long expectedRevision) {
    // attribute_exists keeps a stale writer from resurrecting a deleted session; the ttl term
    // refuses sessions already expired (ttl is whole seconds, rounded up).
    return table.putIf(
        DynamoDbItems.session(next),
        "attribute_exists(#pk) AND #revision = :revision AND #ttl > :now",
        Map.of("#pk", StorageLayout.PK, "#revision", "revision", "#ttl", "ttl"),
        Map.of(":revision", n(expectedRevision), ":now", n(clock.instant().getEpochSecond())));
  }

  /** One UpdateItem returning the new item: revision + 1 and the new expiry, if still live. */
  @Override
  public Optional<UploadSession> claim(String id, Instant expiresAt) {
    return table.updateIf(StorageLayout.uploadPk(id), StorageLayout.UPLOAD_SK,
            "SET #revision = #revision + :one, #expiresAt = :expiresAt, #ttl = :ttl",
            "attribute_exists(#pk) AND #ttl > :now",
            Map.of("#pk", StorageLayout.PK, "#revision", "revision", "#expiresAt", "expiresAt",
                "#ttl", "ttl"),
            Map.of(":one", n(1), ":expiresAt", DynamoDbItems.s(expiresAt.toString()),
                ":ttl", n(DynamoDbItems.ttlSeconds(expiresAt)),
                ":now", n(clock.instant().getEpochSecond())))
        .map(DynamoDbItems::session)
        .filter(s -> s.expiresAt().isAfter(clock.instant()));
  }

  @Override
  public void delete(String id) {
    table.delete(StorageLayout.uploadPk(id), StorageLayout.UPLOAD_SK);
  }
}
