package dev.meridian.aws.dynamodb;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.DirectUpload;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.PendingTag;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.storage.UploadSession;
import dev.meridian.core.version.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records ↔ DynamoDB items. Attribute names and types are documented in
 * {@code docs/storage-layout.md}; keys come from {@link StorageLayout}. Optional fields are left
 * out of the item rather than stored as NULL, so {@code attribute_exists} conditions read naturally.
 * Instants are ISO-8601 strings (exact round trip, nanoseconds included).
 */
final class DynamoDbItems {
  private DynamoDbItems() {}

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(StorageLayout.PK, s(pk), StorageLayout.SK, s(sk));
  }

  // --- blobs, links, catalog ---

  static Map<String, AttributeValue> blob(BlobRecord blob) {
    Map<String, AttributeValue> item = new HashMap<>(key(StorageLayout.blobPk(blob.digest()), StorageLayout.BLOB_SK));
    item.put("digest", s(blob.digest().toString()));
    item.put("size", n(blob.size()));
    item.put("createdAt", s(blob.createdAt().toString()));
    return item;
  }

  static BlobRecord blob(Map<String, AttributeValue> item) {
    return new BlobRecord(digest(item, "digest"), num(item, "size"), instant(item, "createdAt"));
  }

  // --- manifests ---

  static Map<String, AttributeValue> manifest(RepositoryName repository, ManifestRecord m) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.repoPk(repository), StorageLayout.manifestSk(m.digest())));
    item.put("digest", s(m.digest().toString()));
    item.put("mediaType", s(m.mediaType()));
    item.put("size", n(m.size()));
    putIfPresent(item, "artifactType", m.artifactType());
    putIfPresent(item, "subject", m.subject() == null ? null : m.subject().toString());
    item.put("annotations", stringMap(m.annotations()));
    item.put("blobs", digestList(m.blobs()));
    item.put("manifests", digestList(m.manifests()));
    item.put("createdAt", s(m.createdAt().toString()));
    return item;
  }

  static ManifestRecord manifest(Map<String, AttributeValue> item) {
    return new ManifestRecord(
        digest(item, "digest"), str(item, "mediaType"), num(item, "size"), str(item, "artifactType"),
        item.containsKey("subject") ? digest(item, "subject") : null, stringMap(item, "annotations"),
        digestList(item, "blobs"), digestList(item, "manifests"), instant(item, "createdAt"));
  }

  // --- tags ---

  static Map<String, AttributeValue> tag(RepositoryName repository, TagRecord tag) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.repoPk(repository), StorageLayout.tagSk(tag.tag())));
    item.put("tag", s(tag.tag()));
    item.put("version", s(tag.version().toString()));
    // A tombstone has no digest attribute: listings filter on attribute_exists(digest).
    putIfPresent(item, "digest", tag.isDeleted() ? null : tag.digest().toString());
    return item;
  }

  static TagRecord tag(Map<String, AttributeValue> item) {
    return new TagRecord(
        str(item, "tag"), item.containsKey("digest") ? digest(item, "digest") : null,
        Version.parse(str(item, "version")));
  }

  /** The pending mark on a tag item ({@code DynamoDbMetadataIndex.markTagPending}), or null. */
  static PendingTag pendingTag(Map<String, AttributeValue> item) {
    if (!item.containsKey("pendingVersion")) {
      return null;
    }
    return new PendingTag(item.containsKey("pendingDigest") ? digest(item, "pendingDigest") : null,
        Version.parse(str(item, "pendingVersion")), seed(item, "pendingFrom"));
  }

  // --- referrers ---

  static Map<String, AttributeValue> referrer(RepositoryName repository, Digest subject, Descriptor d) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.repoPk(repository), StorageLayout.referrerSk(subject, d.digest())));
    item.put("digest", s(d.digest().toString()));
    item.put("mediaType", s(d.mediaType()));
    item.put("size", n(d.size()));
    putIfPresent(item, "artifactType", d.artifactType());
    item.put("annotations", stringMap(d.annotations()));
    return item;
  }

  static Descriptor referrer(Map<String, AttributeValue> item) {
    return new Descriptor(
        str(item, "mediaType"), digest(item, "digest"), num(item, "size"), str(item, "artifactType"),
        stringMap(item, "annotations"));
  }

  // --- upload sessions ---

  static Map<String, AttributeValue> session(UploadSession u) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(StorageLayout.uploadPk(u.id()), StorageLayout.UPLOAD_SK));
    item.put("id", s(u.id()));
    item.put("repository", s(u.repository().value()));
    putIfPresent(item, "multipartUploadId", u.multipartUploadId());
    item.put("parts", AttributeValue.fromL(u.parts().stream()
        .map(p -> AttributeValue.fromM(Map.of(
            "partNumber", n(p.partNumber()), "eTag", s(p.eTag()), "size", n(p.size()))))
        .toList()));
    item.put("tailSize", n(u.tailSize()));
    item.put("size", n(u.size()));
    putIfPresent(item, "hashedDigest", u.hashedDigest() == null ? null : u.hashedDigest().toString());
    item.put("revision", n(u.revision()));
    item.put("createdAt", s(u.createdAt().toString()));
    item.put("expiresAt", s(u.expiresAt().toString()));
    item.put("ttl", n(ttlSeconds(u.expiresAt())));
    putIfPresent(item, "direct", u.direct() == null ? null : u.direct().encode());
    return item;
  }

  static UploadSession session(Map<String, AttributeValue> item) {
    List<CompletedPart> parts = item.get("parts").l().stream()
        .map(AttributeValue::m)
        .map(p -> new CompletedPart((int) num(p, "partNumber"), str(p, "eTag"), num(p, "size")))
        .toList();
    return new UploadSession(
        str(item, "id"), RepositoryName.parse(str(item, "repository")), str(item, "multipartUploadId"),
        parts, num(item, "tailSize"), num(item, "size"),
        item.containsKey("hashedDigest") ? digest(item, "hashedDigest") : null, num(item, "revision"),
        instant(item, "createdAt"), instant(item, "expiresAt"),
        item.containsKey("direct") ? DirectUpload.decode(str(item, "direct")) : null);
  }

  /** DynamoDB TTL wants epoch seconds; round up so the item never vanishes before it expires. */
  static long ttlSeconds(Instant expiresAt) {
    return expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0);
  }

  // --- attribute helpers ---

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  /** A stored seed attribute, or null when absent. */
  static Seed seed(Map<String, AttributeValue> item, String name) {
    String text = str(item, name);
    return text == null ? null : new Seed(text);
  }

  static long num(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }

  private static Digest digest(Map<String, AttributeValue> item, String name) {
    return Digest.parse(str(item, name));
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    return Instant.parse(str(item, name));
  }

  private static AttributeValue stringMap(Map<String, String> map) {
    return AttributeValue.fromM(map.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue()))));
  }

  private static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? Map.of() : v.m().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
  }

  /** A list (L), not a string set: sets cannot be empty and do not keep order. */
  private static AttributeValue digestList(List<Digest> digests) {
    return AttributeValue.fromL(digests.stream().map(d -> s(d.toString())).toList());
  }

  private static List<Digest> digestList(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? List.of() : v.l().stream().map(a -> Digest.parse(a.s())).toList();
  }
}
