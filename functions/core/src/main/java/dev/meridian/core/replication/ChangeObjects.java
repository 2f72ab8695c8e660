package dev.meridian.core.replication;

import dev.meridian.core.events.EventRequest;
import dev.meridian.core.manifest.ManifestParser;
import dev.meridian.core.manifest.ParsedManifest;
import dev.meridian.core.manifest.TagRecordJson;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.TagRecord;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads change objects (manifests, tag records) from a bucket. These objects are small; blob
 * bytes are never read here. Where a change was accepted is the change's own answer ({@link
 * ObjectKind.Change#originSeed}).
 */
final class ChangeObjects {
  private static final ManifestParser PARSER = new ManifestParser();

  private ChangeObjects() {}

  /** A manifest object: its parsed references, bytes size, media type and metadata. */
  record ManifestObject(ObjectInfo info, ParsedManifest parsed) {}

  static EventRequest request(ObjectInfo info) {
    return EventRequest.fromMetadata(info.metadata());
  }

  static Optional<ManifestObject> manifest(ObjectStore store, String key) {
    return read(store, key).map(r -> new ManifestObject(r.info,
        PARSER.parse(r.bytes, r.info.contentType())));
  }

  static Optional<TagRecord> tagRecord(ObjectStore store, String key) {
    return tag(store, key).map(TagObject::record);
  }

  /** A tag record object: what HEAD says of it and its decoded body. */
  record TagObject(ObjectInfo info, TagRecord record) {}

  static Optional<TagObject> tag(ObjectStore store, String key) {
    return read(store, key).map(r -> new TagObject(r.info, TagRecordJson.decode(r.bytes)));
  }

  private record Read(ObjectInfo info, byte[] bytes) {}

  private static Optional<Read> read(ObjectStore store, String key) {
    Optional<ObjectContent> content = store.get(key);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectContent c = content.get()) {
      return Optional.of(new Read(c.info(), c.stream().readAllBytes()));
    } catch (IOException e) {
      throw new StorageException("reading " + key + " failed", e);
    }
  }
}
