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
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads change objects (manifests, tag records) from a bucket and says where a change was
 * accepted. These objects are small; blob bytes are never read here.
 */
final class ChangeObjects {
  private static final ManifestParser PARSER = new ManifestParser();

  private ChangeObjects() {}

  /** A manifest object: its parsed references, bytes size, media type and metadata. */
  record ManifestObject(ObjectInfo info, ParsedManifest parsed) {}

  /**
   * The seed of the region where the change was accepted: a tag record's, put record's or
   * tombstone's version says it; a manifest object carries it as user metadata. Null when a
   * manifest has none (never written by this version of Meridian): such an object is applied but
   * never fanned out, so two regions can never bounce it back and forth.
   */
  static String originSeed(ObjectKind.Change change, ObjectInfo info) {
    if (change instanceof ObjectKind.Versioned v) {
      return v.version().originSeed();
    }
    return info.metadata().get(StorageLayout.ORIGIN_METADATA);
  }

  static EventRequest request(ObjectInfo info) {
    return EventRequest.fromMetadata(info.metadata());
  }

  static Optional<ManifestObject> manifest(ObjectStore store, String key) {
    return read(store, key).map(r -> new ManifestObject(r.info,
        PARSER.parse(r.bytes, r.info.contentType())));
  }

  static Optional<TagRecord> tagRecord(ObjectStore store, String key) {
    return read(store, key).map(r -> TagRecordJson.decode(r.bytes));
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
