package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;

import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobLink;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.Page;
import dev.meridian.core.storage.PendingTag;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.storage.TagState;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link MetadataIndex} on one region's DynamoDB table (single-table design, string keys
 * {@code pk}/{@code sk} from {@link StorageLayout}; items in {@code docs/storage-layout.md}).
 *
 * <p>Tags are the one contended write: a tag item is replaced only under the condition
 * {@code attribute_not_exists(pk) OR version < :v}, so whatever order pushes and replicated tag
 * records arrive in, the highest version stays (fixed-width {@link
 * dev.meridian.core.version.Version#toString()} compares as strings the way versions compare).
 */
public final class DynamoDbMetadataIndex implements MetadataIndex {

  private static final String LIVE_TAG = "attribute_exists(#digest)";
  private static final Map<String, String> DIGEST_NAME = Map.of("#digest", "digest");

  /** Bound on {@link #cataloged}; past it the memo starts over (it only saves writes). */
  private static final int CATALOG_MEMO_LIMIT = 10_000;

  private final DynamoDbTable table;
  private final DynamoDbBlobClaims claims;
  /**
   * Repositories this instance has written to the catalog. Catalog items are only ever added
   * (nothing in Meridian deletes one), so a second put of the same item changes nothing; skipping
   * it saves one DynamoDB write per blob link and manifest put. Measured: the catalog put was
   * about a quarter of the replicate workers' busy time while peers applied arriving images.
   */
  private final Set<RepositoryName> cataloged = ConcurrentHashMap.newKeySet();

  public DynamoDbMetadataIndex(DynamoDbClient dynamoDb, String tableName) {
    this.table = new DynamoDbTable(dynamoDb, tableName);
    this.claims = new DynamoDbBlobClaims(table);
  }

  // --- blobs and links ---

  @Override
  public void putBlob(BlobRecord blob) {
    // First write wins so createdAt stays the time the region first held the blob.
    table.putIf(DynamoDbItems.blob(blob), "attribute_not_exists(#pk)",
        Map.of("#pk", StorageLayout.PK), Map.of());
  }

  @Override
  public Optional<BlobRecord> getBlob(Digest digest) {
    return table.get(StorageLayout.blobPk(digest), StorageLayout.BLOB_SK).map(DynamoDbItems::blob);
  }

  @Override
  public Map<Digest, BlobRecord> getBlobs(Collection<Digest> digests) {
    return readEach(digests, d -> key(StorageLayout.blobPk(d), StorageLayout.BLOB_SK),
        DynamoDbItems::blob);
  }

  @Override
  public void linkBlob(RepositoryName repository, Digest digest, long size) {
    table.put(link(repository, digest, size));
    addToCatalog(repository);
  }

  /** One BatchWriteItem per 25 links instead of a PutItem each (links are plain puts). */
  @Override
  public void linkBlobs(RepositoryName repository, Map<Digest, Long> sizes) {
    if (sizes.isEmpty()) {
      return;
    }
    table.putAll(sizes.entrySet().stream()
        .map(e -> link(repository, e.getKey(), e.getValue())).toList());
    addToCatalog(repository);
  }

  private static Map<String, AttributeValue> link(RepositoryName repository, Digest digest,
      long size) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.repoPk(repository), StorageLayout.blobLinkSk(digest)));
    item.put("size", n(size));
    return item;
  }

  @Override
  public Map<Digest, Long> linkedBlobSizes(RepositoryName repository,
      Collection<Digest> digests) {
    String pk = StorageLayout.repoPk(repository);
    return readEach(digests, d -> key(pk, StorageLayout.blobLinkSk(d)),
        item -> DynamoDbItems.num(item, "size"));
  }

  /**
   * The item at each digest's key ({@code keyOf}) that exists, as {@code value}: one BatchGetItem
   * per 100 digests instead of a GetItem each.
   */
  private <V> Map<Digest, V> readEach(Collection<Digest> digests,
      Function<Digest, Map<String, AttributeValue>> keyOf,
      Function<Map<String, AttributeValue>, V> value) {
    Map<Map<String, AttributeValue>, Digest> byKey = new LinkedHashMap<>();
    digests.forEach(d -> byKey.putIfAbsent(keyOf.apply(d), d));
    Map<Digest, V> found = new LinkedHashMap<>();
    for (Map<String, AttributeValue> item : table.getAll(List.copyOf(byKey.keySet()))) {
      Map<String, AttributeValue> itemKey = key(DynamoDbItems.str(item, StorageLayout.PK),
          DynamoDbItems.str(item, StorageLayout.SK));
      found.put(byKey.get(itemKey), value.apply(item));
    }
    return found;
  }

  @Override
  public Optional<Long> linkedBlobSize(RepositoryName repository, Digest digest) {
    return table.get(StorageLayout.repoPk(repository), StorageLayout.blobLinkSk(digest))
        .map(item -> DynamoDbItems.num(item, "size"));
  }

  @Override
  public boolean unlinkBlob(RepositoryName repository, Digest digest) {
    return table.delete(StorageLayout.repoPk(repository), StorageLayout.blobLinkSk(digest));
  }

  // --- manifests ---

  @Override
  public void putManifest(RepositoryName repository, ManifestRecord manifest) {
    table.put(DynamoDbItems.manifest(repository, manifest));
    addToCatalog(repository);
  }

  @Override
  public Optional<ManifestRecord> getManifest(RepositoryName repository, Digest digest) {
    return table.get(StorageLayout.repoPk(repository), StorageLayout.manifestSk(digest))
        .map(DynamoDbItems::manifest);
  }

  /** One BatchGetItem per 100 digests (the tag listing checks every listed tag's manifest). */
  @Override
  public Map<Digest, ManifestRecord> getManifests(RepositoryName repository,
      Collection<Digest> digests) {
    String pk = StorageLayout.repoPk(repository);
    return readEach(digests, d -> key(pk, StorageLayout.manifestSk(d)), DynamoDbItems::manifest);
  }

  @Override
  public boolean deleteManifest(RepositoryName repository, Digest digest) {
    return table.delete(StorageLayout.repoPk(repository), StorageLayout.manifestSk(digest));
  }

  // --- tags ---

  @Override
  public boolean putTag(RepositoryName repository, TagRecord tag) {
    boolean applied = table.putIf(
        DynamoDbItems.tag(repository, tag),
        "attribute_not_exists(#pk) OR #version < :version",
        Map.of("#pk", StorageLayout.PK, "#version", "version"),
        Map.of(":version", s(tag.version().toString())));
    // The SDK retries a write whose response it lost; the retry then fails its condition on the
    // very record its first attempt wrote. Holding exactly this record counts as applied.
    applied = applied || getTag(repository, tag.tag()).map(tag::equals).orElse(false);
    if (applied && !tag.isDeleted()) {
      addToCatalog(repository);
    }
    return applied;
  }

  @Override
  public Optional<TagRecord> getTag(RepositoryName repository, String tag) {
    return table.get(StorageLayout.repoPk(repository), StorageLayout.tagSk(tag)).map(DynamoDbItems::tag);
  }

  /**
   * The mark lives on the tag's own item ({@code pendingVersion}, {@code pendingDigest}, {@code
   * pendingFrom}), so {@link #getTagState} is the same single GetItem as {@link #getTag}, and the
   * PutItem of the next applied version drops it.
   */
  @Override
  public boolean markTagPending(RepositoryName repository, String tag, PendingTag pending) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pv", s(pending.version().toString()));
    values.put(":from", s(pending.fromSeed().value()));
    String digestUpdate = pending.digest() == null ? " REMOVE #pd" : "";
    if (pending.digest() != null) {
      values.put(":pd", s(pending.digest().toString()));
    }
    String update = "SET #pv = :pv, #pf = :from" + (pending.digest() == null ? "" : ", #pd = :pd")
        + digestUpdate;
    return table.updateIf(StorageLayout.repoPk(repository), StorageLayout.tagSk(tag), update,
        "attribute_exists(#version) AND #version < :pv"
            + " AND (attribute_not_exists(#pv) OR #pv < :pv)",
        Map.of("#version", "version", "#pv", "pendingVersion", "#pf", "pendingFrom",
            "#pd", "pendingDigest"),
        values).isPresent();
  }

  @Override
  public Optional<TagState> getTagState(RepositoryName repository, String tag) {
    return table.get(StorageLayout.repoPk(repository), StorageLayout.tagSk(tag))
        .map(item -> new TagState(DynamoDbItems.tag(item), DynamoDbItems.pendingTag(item)));
  }

  @Override
  public Page<String> listTags(RepositoryName repository, String last, int limit) {
    Page<TagRecord> records = listTagRecords(repository, last, limit);
    return new Page<>(records.items().stream().map(TagRecord::tag).toList(), records.truncated());
  }

  @Override
  public Page<TagRecord> listTagRecords(RepositoryName repository, String last, int limit) {
    List<Map<String, AttributeValue>> items = table.query(
        StorageLayout.repoPk(repository), StorageLayout.TAG_SK_PREFIX,
        last == null ? null : StorageLayout.tagSk(last),
        LIVE_TAG, DIGEST_NAME, Map.of(), plusOne(limit));
    return page(items.stream().map(DynamoDbItems::tag).toList(), limit);
  }

  @Override
  public List<TagRecord> tagsPointingTo(RepositoryName repository, Digest digest) {
    return table.query(
            StorageLayout.repoPk(repository), StorageLayout.TAG_SK_PREFIX, null,
            "#digest = :digest", DIGEST_NAME, Map.of(":digest", s(digest.toString())),
            Integer.MAX_VALUE)
        .stream().map(DynamoDbItems::tag).toList();
  }

  // --- referrers ---

  @Override
  public void putReferrer(RepositoryName repository, Digest subject, Descriptor referrer) {
    table.put(DynamoDbItems.referrer(repository, subject, referrer));
  }

  @Override
  public List<Descriptor> listReferrers(RepositoryName repository, Digest subject) {
    // The sort key ends in the referrer's digest, so sort-key order is digest order.
    return table.query(
            StorageLayout.repoPk(repository), StorageLayout.referrerSkPrefix(subject), null,
            null, Map.of(), Map.of(), Integer.MAX_VALUE)
        .stream().map(DynamoDbItems::referrer).toList();
  }

  @Override
  public void deleteReferrer(RepositoryName repository, Digest subject, Digest referrer) {
    table.delete(StorageLayout.repoPk(repository), StorageLayout.referrerSk(subject, referrer));
  }

  // --- catalog ---

  @Override
  public Page<String> listRepositories(String last, int limit) {
    List<Map<String, AttributeValue>> items = table.query(
        StorageLayout.CATALOG_PK, null, last, null, Map.of(), Map.of(), plusOne(limit));
    return page(items.stream().map(i -> DynamoDbItems.str(i, StorageLayout.SK)).toList(), limit);
  }

  /** Idempotent: one catalog item per repository, sort key = the name, so listing is ordered. */
  private void addToCatalog(RepositoryName repository) {
    if (cataloged.contains(repository)) {
      return;
    }
    table.put(key(StorageLayout.CATALOG_PK, repository.value()));
    if (cataloged.size() >= CATALOG_MEMO_LIMIT) {
      cataloged.clear();
    }
    cataloged.add(repository);
  }

  // --- garbage collection (BlobGcIndex; DynamoDbBlobClaims) ---

  @Override
  public Claims blobClaims() {
    return claims;
  }

  @Override
  public void forgetBlob(Digest digest) {
    claims.forget(digest);
  }

  @Override
  public Page<BlobLink> listBlobLinks(RepositoryName repository, Digest after, int limit) {
    List<Map<String, AttributeValue>> items = table.query(StorageLayout.repoPk(repository),
        "blob#", after == null ? null : StorageLayout.blobLinkSk(after), null, Map.of(), Map.of(),
        plusOne(limit));
    return page(items.stream().map(i -> new BlobLink(
        Digest.parse(DynamoDbItems.str(i, StorageLayout.SK).substring(5)),
        DynamoDbItems.num(i, "size"))).toList(), limit);
  }

  /** One more than a page, to learn whether more follow; "everything" stays everything. */
  private static int plusOne(int limit) {
    return limit == Integer.MAX_VALUE ? limit : limit + 1;
  }

  private static <T> Page<T> page(List<T> itemsPlusOne, int limit) {
    boolean truncated = itemsPlusOne.size() > limit;
    return new Page<>(truncated ? itemsPlusOne.subList(0, limit) : itemsPlusOne, truncated);
  }
}
