package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;
import static dev.meridian.aws.dynamodb.DynamoDbItems.str;

import dev.meridian.core.auth.AnonymousAccess;
import dev.meridian.core.auth.Identity;
import dev.meridian.core.auth.IdentityJson;
import dev.meridian.core.auth.IdentityStore;
import dev.meridian.core.storage.StorageLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link IdentityStore} on the region's table: one item per account under partition {@value
 * StorageLayout#ACCOUNT_PK} (sort key: the name), the anonymous switch at ({@value
 * StorageLayout#AUTH_SETTINGS_PK}, {@value StorageLayout#ANONYMOUS_SK}). Each item holds the
 * record as JSON in {@code doc} and its version in {@code version}, which the conditional put
 * compares: last writer wins, and a retried write of the same record counts as applied.
 */
public final class DynamoDbIdentityStore implements IdentityStore {
  /** Accounts are few (people and CI robots); one query page of this many is plenty. */
  private static final int MAX_ACCOUNTS = 10_000;
  private static final String NEWER_OR_SAME =
      "attribute_not_exists(pk) OR #v < :v OR (#v = :v AND #d = :d)";

  private final DynamoDbTable table;

  public DynamoDbIdentityStore(DynamoDbClient dynamoDb, String table) {
    this.table = new DynamoDbTable(dynamoDb, table);
  }

  @Override
  public Optional<Identity> find(String name) {
    return table.get(StorageLayout.ACCOUNT_PK, name)
        .map(item -> IdentityJson.fromStored(str(item, "doc")));
  }

  @Override
  public List<Identity> list() {
    return table.query(StorageLayout.ACCOUNT_PK, null, null, null, Map.of(), Map.of(), MAX_ACCOUNTS)
        .stream()
        .map(item -> IdentityJson.fromStored(str(item, "doc")))
        .filter(i -> !i.deleted())
        .toList();
  }

  @Override
  public boolean put(Identity identity) {
    return putNewer(StorageLayout.ACCOUNT_PK, identity.name(), identity.version(),
        IdentityJson.stored(identity));
  }

  @Override
  public boolean create(Identity identity) {
    return table.putIf(item(StorageLayout.ACCOUNT_PK, identity.name(), identity.version(),
        IdentityJson.stored(identity)), "attribute_not_exists(pk)", Map.of(), Map.of());
  }

  @Override
  public AnonymousAccess anonymousAccess() {
    return table.get(StorageLayout.AUTH_SETTINGS_PK, StorageLayout.ANONYMOUS_SK)
        .map(item -> IdentityJson.anonymousFromStored(str(item, "doc")))
        .orElse(AnonymousAccess.NONE);
  }

  @Override
  public boolean putAnonymousAccess(AnonymousAccess access) {
    return putNewer(StorageLayout.AUTH_SETTINGS_PK, StorageLayout.ANONYMOUS_SK, access.version(),
        IdentityJson.stored(access));
  }

  private boolean putNewer(String pk, String sk, long version, String doc) {
    return table.putIf(item(pk, sk, version, doc), NEWER_OR_SAME,
        Map.of("#v", "version", "#d", "doc"), Map.of(":v", n(version), ":d", s(doc)));
  }

  private static Map<String, AttributeValue> item(String pk, String sk, long version, String doc) {
    Map<String, AttributeValue> item = new HashMap<>(DynamoDbItems.key(pk, sk));
    item.put("version", n(version));
    item.put("doc", s(doc));
    return item;
  }
}
