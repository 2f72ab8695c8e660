package dev.meridian.core.fakes;

import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobLink;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.Page;
import dev.meridian.core.storage.PendingTag;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.storage.TagState;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** An in-memory index; passes {@code MetadataIndexContract} like {@code DynamoDbMetadataIndex}. */
public final class InMemoryMetadataIndex implements MetadataIndex {

  private final ConcurrentMap<Digest, BlobRecord> blobs = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Map<Digest, Long>> links = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Map<Digest, ManifestRecord>> manifests =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, NavigableMap<String, TagRecord>> tags =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, NavigableMap<String, Descriptor>> referrers =
      new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<String> catalog = new ConcurrentSkipListSet<>();
  /** Pending marks by repository and tag; as on DynamoDB, an applied putTag drops the mark. */
  private final Map<String, PendingTag> pendingTags = new ConcurrentHashMap<>();
  private final InMemoryBlobClaims claims = new InMemoryBlobClaims();

  @Override
  public void putBlob(BlobRecord blob) {
    blobs.putIfAbsent(blob.digest(), blob);
  }

  @Override
  public Optional<BlobRecord> getBlob(Digest digest) {
    return Optional.ofNullable(blobs.get(digest));
  }

  @Override
  public void linkBlob(RepositoryName repository, Digest digest, long size) {
    links.computeIfAbsent(repository.value(), k -> new ConcurrentHashMap<>()).put(digest, size);
    catalog.add(repository.value());
  }

  @Override
  public Optional<Long> linkedBlobSize(RepositoryName repository, Digest digest) {
    return Optional.ofNullable(links.getOrDefault(repository.value(), Map.of()).get(digest));
  }

  @Override
  public boolean unlinkBlob(RepositoryName repository, Digest digest) {
    Map<Digest, Long> repo = links.get(repository.value());
    return repo != null && repo.remove(digest) != null;
  }

  @Override
  public void putManifest(RepositoryName repository, ManifestRecord manifest) {
    manifests
        .computeIfAbsent(repository.value(), k -> new ConcurrentHashMap<>())
        .put(manifest.digest(), manifest);
    catalog.add(repository.value());
  }

  @Override
  public Optional<ManifestRecord> getManifest(RepositoryName repository, Digest digest) {
    return Optional.ofNullable(manifests.getOrDefault(repository.value(), Map.of()).get(digest));
  }

  @Override
  public boolean deleteManifest(RepositoryName repository, Digest digest) {
    Map<Digest, ManifestRecord> repo = manifests.get(repository.value());
    return repo != null && repo.remove(digest) != null;
  }

  @Override
  public synchronized boolean putTag(RepositoryName repository, TagRecord tag) {
    boolean[] applied = {false};
    tags.computeIfAbsent(repository.value(), k -> new ConcurrentSkipListMap<>())
        .compute(
            tag.tag(),
            (name, held) -> {
              if (held == null || tag.version().isNewerThan(held.version())) {
                applied[0] = true;
                return tag;
              }
              applied[0] = held.equals(tag); // a retry of the same write
              return held;
            });
    if (applied[0]) {
      pendingTags.remove(repository.value() + ":" + tag.tag());
    }
    if (applied[0] && !tag.isDeleted()) {
      catalog.add(repository.value());
    }
    return applied[0];
  }

  @Override
  public synchronized boolean markTagPending(RepositoryName repository, String tag,
      PendingTag pending) {
    Optional<TagRecord> held = getTag(repository, tag);
    PendingTag marked = pendingTags.get(repository.value() + ":" + tag);
    if (held.isEmpty() || !pending.version().isNewerThan(held.get().version())
        || (marked != null && !pending.version().isNewerThan(marked.version()))) {
      return false;
    }
    pendingTags.put(repository.value() + ":" + tag, pending);
    return true;
  }

  @Override
  public synchronized Optional<TagState> getTagState(RepositoryName repository, String tag) {
    return getTag(repository, tag)
        .map(r -> new TagState(r, pendingTags.get(repository.value() + ":" + tag)));
  }

  @Override
  public Optional<TagRecord> getTag(RepositoryName repository, String tag) {
    NavigableMap<String, TagRecord> repo = tags.get(repository.value());
    return repo == null ? Optional.empty() : Optional.ofNullable(repo.get(tag));
  }

  @Override
  public Page<String> listTags(RepositoryName repository, String last, int limit) {
    Page<TagRecord> records = listTagRecords(repository, last, limit);
    return new Page<>(records.items().stream().map(TagRecord::tag).toList(), records.truncated());
  }

  @Override
  public Page<TagRecord> listTagRecords(RepositoryName repository, String last, int limit) {
    NavigableMap<String, TagRecord> repo = tags.getOrDefault(repository.value(), new ConcurrentSkipListMap<>());
    NavigableMap<String, TagRecord> after = last == null ? repo : repo.tailMap(last, false);
    List<TagRecord> live =
        after.values().stream().filter(t -> !t.isDeleted()).limit(limit + 1L).toList();
    return page(live, limit);
  }

  @Override
  public List<TagRecord> tagsPointingTo(RepositoryName repository, Digest digest) {
    return tags.getOrDefault(repository.value(), new ConcurrentSkipListMap<>()).values().stream()
        .filter(t -> digest.equals(t.digest()))
        .toList();
  }

  @Override
  public void putReferrer(RepositoryName repository, Digest subject, Descriptor referrer) {
    referrers
        .computeIfAbsent(repository.value(), k -> new ConcurrentSkipListMap<>())
        .put(subject + "#" + referrer.digest(), referrer);
  }

  @Override
  public List<Descriptor> listReferrers(RepositoryName repository, Digest subject) {
    String prefix = subject + "#";
    return referrers.getOrDefault(repository.value(), new ConcurrentSkipListMap<>())
        .tailMap(prefix, true).entrySet().stream()
        .takeWhile(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .toList();
  }

  @Override
  public void deleteReferrer(RepositoryName repository, Digest subject, Digest referrer) {
    NavigableMap<String, Descriptor> repo = referrers.get(repository.value());
    if (repo != null) {
      repo.remove(subject + "#" + referrer);
    }
  }

  @Override
  public Page<String> listRepositories(String last, int limit) {
    var after = last == null ? catalog : catalog.tailSet(last, false);
    return page(after.stream().limit(limit + 1L).toList(), limit);
  }

  // --- garbage collection (BlobGcIndex) ---

  @Override
  public Claims blobClaims() {
    return claims;
  }

  @Override
  public void forgetBlob(Digest digest) {
    blobs.remove(digest);
    claims.forget(digest);
  }

  @Override
  public Page<BlobLink> listBlobLinks(RepositoryName repository, Digest after, int limit) {
    return page(links.getOrDefault(repository.value(), Map.of()).entrySet().stream()
        .filter(e -> after == null || e.getKey().toString().compareTo(after.toString()) > 0)
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Digest::toString)))
        .limit(limit + 1L).map(e -> new BlobLink(e.getKey(), e.getValue())).toList(), limit);
  }

  private static <T> Page<T> page(List<T> itemsPlusOne, int limit) {
    boolean truncated = itemsPlusOne.size() > limit;
    return new Page<>(truncated ? itemsPlusOne.subList(0, limit) : itemsPlusOne, truncated);
  }
}
