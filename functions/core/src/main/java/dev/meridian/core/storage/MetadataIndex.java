package dev.meridian.core.storage;

import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port: one region's index of what its bucket holds (DynamoDB in production). It is rebuildable
 * from the bucket. Implementations: {@code DynamoDbMetadataIndex} and the in-memory fake; both pass
 * {@code MetadataIndexContract}.
 */
public interface MetadataIndex extends BlobGcIndex {

  // --- blobs held by the region (content-addressed) ---

  /** Records that the region holds a blob; idempotent. */
  void putBlob(BlobRecord blob);

  Optional<BlobRecord> getBlob(Digest digest);

  /**
   * {@link #getBlob} for several digests: the records of those the region holds. One round trip
   * where the store allows it (a manifest names all its blobs at once).
   */
  default Map<Digest, BlobRecord> getBlobs(Collection<Digest> digests) {
    return readEach(digests, this::getBlob);
  }

  // --- repository membership of blobs (what "GET /v2/<name>/blobs/<digest>" may serve) ---

  /** Links a blob into a repository (and the repository into the catalog); idempotent. */
  void linkBlob(RepositoryName repository, Digest digest, long size);

  /** The linked blob's size, or empty when the repository does not link it. */
  Optional<Long> linkedBlobSize(RepositoryName repository, Digest digest);

  /**
   * {@link #linkedBlobSize} for several digests: the sizes of those the repository links, in one
   * round trip where the store allows it.
   */
  default Map<Digest, Long> linkedBlobSizes(RepositoryName repository,
      Collection<Digest> digests) {
    return readEach(digests, d -> linkedBlobSize(repository, d));
  }

  /** {@link #linkBlob} for several blobs (digest to size), in as few writes as the store allows. */
  default void linkBlobs(RepositoryName repository, Map<Digest, Long> sizes) {
    sizes.forEach((digest, size) -> linkBlob(repository, digest, size));
  }

  /** Unlinks; returns whether a link existed. */
  boolean unlinkBlob(RepositoryName repository, Digest digest);

  // --- manifests ---

  /** Stores a manifest record (and adds the repository to the catalog); idempotent. */
  void putManifest(RepositoryName repository, ManifestRecord manifest);

  Optional<ManifestRecord> getManifest(RepositoryName repository, Digest digest);

  /** Deletes; returns whether it existed. */
  boolean deleteManifest(RepositoryName repository, Digest digest);

  // --- tags (versioned, last-writer-wins by version) ---

  /**
   * Applies {@code tag} only if no record for that tag exists or the held record's version is
   * lower (a conditional write). Returns whether it was applied. A tombstone applies the same way.
   * Holding exactly this record already counts as applied: a retried write meets its own first
   * attempt, and a caller that saw "not applied" would write a second version of one change.
   */
  boolean putTag(RepositoryName repository, TagRecord tag);

  /** The tag's current record, tombstone included, or empty when never written. */
  Optional<TagRecord> getTag(RepositoryName repository, String tag);

  /**
   * Marks on the tag's item that {@code pending} is on its way here (the origin's fan-out, issue
   * 24), iff the tag exists here at a lower version and no newer mark is held. Returns whether it
   * was marked. The next {@link #putTag} that applies replaces the item and so drops the mark.
   */
  boolean markTagPending(RepositoryName repository, String tag, PendingTag pending);

  /** {@link #getTag} with the tag's pending mark, in the same single read. */
  Optional<TagState> getTagState(RepositoryName repository, String tag);

  /**
   * Live (non-deleted) tags in lexical order, those after {@code last} (null: from the start), at
   * most {@code limit}.
   */
  Page<String> listTags(RepositoryName repository, String last, int limit);

  /**
   * {@link #listTags} with each tag's record. The tag listing shows a tag only while its manifest
   * is in the repository (listed iff pullable), so it needs the digests.
   */
  default Page<TagRecord> listTagRecords(RepositoryName repository, String last, int limit) {
    Page<String> names = listTags(repository, last, limit);
    List<TagRecord> records = new ArrayList<>();
    for (String name : names.items()) {
      getTag(repository, name).filter(t -> !t.isDeleted()).ifPresent(records::add);
    }
    return new Page<>(records, names.truncated());
  }

  /** {@link #getManifest} for several digests: the records the repository holds. */
  default Map<Digest, ManifestRecord> getManifests(RepositoryName repository,
      Collection<Digest> digests) {
    return readEach(digests, d -> getManifest(repository, d));
  }

  /** Every live tag of the repository that points at {@code digest}. */
  List<TagRecord> tagsPointingTo(RepositoryName repository, Digest digest);

  // --- referrers (distribution-spec "Listing Referrers") ---

  /** Records that {@code referrer} (a manifest descriptor) has {@code subject}; idempotent. */
  void putReferrer(RepositoryName repository, Digest subject, Descriptor referrer);

  /** Referrers of {@code subject}, ordered by digest. */
  List<Descriptor> listReferrers(RepositoryName repository, Digest subject);

  void deleteReferrer(RepositoryName repository, Digest subject, Digest referrer);

  // --- catalog ---

  /** Repositories in lexical order after {@code last} (null: from the start), at most {@code limit}. */
  Page<String> listRepositories(String last, int limit);

  /** The batch defaults, one read at a time: what {@code read} finds, by digest, in order. */
  private static <V> Map<Digest, V> readEach(Collection<Digest> digests,
      Function<Digest, Optional<V>> read) {
    Map<Digest, V> found = new LinkedHashMap<>();
    for (Digest d : digests) {
      read.apply(d).ifPresent(v -> found.put(d, v));
    }
    return found;
  }
}
