package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.BlobGcIndex;
import dev.meridian.core.storage.StorageLayout;
import java.time.Instant;
import java.util.Map;

/**
 * The claim item of each blob ({@code pk = blob#<digest>}, {@code sk = gc}; docs/storage-layout.md)
 * and its transitions, each one conditional UpdateItem, so that a push and a GC run racing on one
 * blob are ordered by DynamoDB ({@link BlobGcIndex}). Times are epoch millis.
 */
final class DynamoDbBlobClaims implements BlobGcIndex.Claims {
  static final String CLAIM_SK = "gc";
  private static final Map<String, String> NAMES = Map.of("#lastUsed", "lastUsed",
      "#condemned", "condemned", "#deleting", "deleting", "#deletingAt", "deletingAt");
  /** DynamoDB refuses names an expression does not use. */
  private static final Map<String, String> CONDEMN_NAMES = Map.of("#lastUsed", "lastUsed",
      "#condemned", "condemned", "#deleting", "deleting");

  private final DynamoDbTable table;

  DynamoDbBlobClaims(DynamoDbTable table) {
    this.table = table;
  }

  @Override
  public boolean claim(Digest digest, Instant now) {
    return table.updateIf(StorageLayout.blobPk(digest), CLAIM_SK,
        "SET #lastUsed = :now REMOVE #condemned, #deleting, #deletingAt",
        "attribute_not_exists(#deleting) OR #deletingAt < :stale", NAMES,
        Map.of(":now", n(now.toEpochMilli()),
            ":stale", n(now.minus(BlobGcIndex.STALE_DELETION).toEpochMilli()))).isPresent();
  }

  @Override
  public boolean condemn(Digest digest, String runId, Instant unusedBefore) {
    return table.updateIf(StorageLayout.blobPk(digest), CLAIM_SK, "SET #condemned = :run",
        "attribute_not_exists(#condemned) AND attribute_not_exists(#deleting)"
            + " AND (attribute_not_exists(#lastUsed) OR #lastUsed < :cutoff)", CONDEMN_NAMES,
        Map.of(":run", s(runId), ":cutoff", n(unusedBefore.toEpochMilli()))).isPresent();
  }

  @Override
  public boolean commit(Digest digest, String runId, Instant now) {
    return table.updateIf(StorageLayout.blobPk(digest), CLAIM_SK,
        "SET #deleting = :run, #deletingAt = :now REMOVE #condemned", "#condemned = :run",
        Map.of("#condemned", "condemned", "#deleting", "deleting", "#deletingAt", "deletingAt"),
        Map.of(":run", s(runId), ":now", n(now.toEpochMilli()))).isPresent();
  }

  void forget(Digest digest) {
    table.delete(StorageLayout.blobPk(digest), StorageLayout.BLOB_SK);
    table.delete(StorageLayout.blobPk(digest), CLAIM_SK);
  }
}
