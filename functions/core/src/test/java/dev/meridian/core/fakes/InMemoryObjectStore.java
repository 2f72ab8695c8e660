package dev.meridian.core.fakes;

import dev.meridian.core.replication.ObjectCreated;
import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.OpenMultipart;
import dev.meridian.core.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-memory bucket with S3's semantics as far as Meridian relies on them; it passes {@code
 * ObjectStoreContract} like {@code S3ObjectStore}. It cannot presign GETs, so the edge streams;
 * it presigns UploadPart with {@code memory://} URLs that {@link #putPresigned} serves.
 */
public final class InMemoryObjectStore implements ObjectStore {

  private record StoredObject(byte[] bytes, String contentType, String eTag,
      Map<String, String> metadata) {
    StoredObject(byte[] bytes, String contentType, String eTag) {
      this(bytes, contentType, eTag, Map.of());
    }
  }

  private record Part(byte[] bytes, String eTag) {}

  private record Multipart(String key, String contentType, Map<Integer, Part> parts,
      Instant initiated) {}

  private final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
  private final Map<String, Multipart> multiparts = new ConcurrentHashMap<>();
  private final String bucket;
  private final Clock clock;
  private final List<Consumer<ObjectCreated>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong sequencer = new AtomicLong();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  private final Map<String, Instant> presignedParts = new ConcurrentHashMap<>();

  /** A store with a bucket name of its own, as every real bucket has. */
  public InMemoryObjectStore() {
    this("meridian-test-" + UUID.randomUUID().toString().substring(0, 8));
  }

  public InMemoryObjectStore(String bucket) {
    this(bucket, Clock.systemUTC());
  }

  /** A store whose multipart uploads are initiated at {@code clock}'s time. */
  public InMemoryObjectStore(String bucket, Clock clock) {
    this.bucket = bucket;
    this.clock = clock;
  }

  /**
   * Calls {@code listener} after every object creation (put, putIfAbsent that wrote, copy,
   * copyFrom, completed multipart), like S3's ObjectCreated notifications, synchronously.
   */
  public void onObjectCreated(Consumer<ObjectCreated> listener) {
    listeners.add(listener);
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public void put(String key, InputStream content, long length, String contentType) {
    byte[] bytes = readExactly(content, length);
    created(key, new StoredObject(bytes, contentType, UUID.randomUUID().toString()));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content, String contentType) {
    return putIfAbsent(key, content, contentType, Map.of());
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content, String contentType,
      Map<String, String> metadata) {
    StoredObject o = new StoredObject(content.clone(), contentType, UUID.randomUUID().toString(),
        Map.copyOf(metadata));
    StoredObject held = objects.putIfAbsent(key, o);
    if (held != null) {
      return java.util.Arrays.equals(held.bytes(), content); // a retry of the same write
    }
    notifyCreated(key, o);
    return true;
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    StoredObject o = objects.get(key);
    return o == null ? Optional.empty() : Optional.of(info(key, o));
  }

  @Override
  public Optional<ObjectContent> get(String key) {
    StoredObject o = objects.get(key);
    if (o == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ObjectContent(info(key, o), o.bytes.length, new ByteArrayInputStream(o.bytes)));
  }

  @Override
  public Optional<ObjectContent> getRange(String key, long first, long last) {
    StoredObject o = objects.get(key);
    if (o == null) {
      return Optional.empty();
    }
    long end = Math.min(last, o.bytes.length - 1L);
    int length = (int) Math.max(0, end - first + 1);
    return Optional.of(
        new ObjectContent(
            info(key, o), length, new ByteArrayInputStream(o.bytes, (int) first, length)));
  }

  @Override
  public void copy(String sourceKey, String targetKey) {
    StoredObject o = objects.get(sourceKey);
    if (o == null) {
      throw new StorageException("copy source not found: " + sourceKey);
    }
    created(targetKey, o);
  }

  /** Reads through the source's port (so a failing source fails the copy), keeps metadata. */
  @Override
  public void copyFrom(ObjectStore source, String key) {
    Optional<ObjectContent> content = source.get(key);
    if (content.isEmpty()) {
      throw new StorageException("copy source not found: " + source.bucket() + "/" + key);
    }
    try (ObjectContent c = content.get()) {
      byte[] bytes = c.stream().readAllBytes();
      created(key, new StoredObject(bytes, c.info().contentType(), c.info().eTag(),
          c.info().metadata()));
    } catch (IOException e) {
      throw new StorageException("copy failed: " + key, e);
    }
  }

  @Override
  public void delete(String key) {
    deleted.add(key);
    objects.remove(key);
  }

  /** Every key {@link #delete} was called with, present or not, in call order. */
  public List<String> deleteCalls() {
    return List.copyOf(deleted);
  }

  @Override
  public List<String> list(String prefix, String startAfter, int limit) {
    String from = startAfter == null || startAfter.compareTo(prefix) < 0 ? prefix : startAfter;
    return objects.tailMap(from, startAfter == null).keySet().stream()
        .takeWhile(k -> k.startsWith(prefix))
        .limit(limit)
        .toList();
  }

  @Override
  public String startMultipart(String key, String contentType) {
    String id = UUID.randomUUID().toString();
    multiparts.put(id,
        new Multipart(key, contentType, new ConcurrentSkipListMap<>(), clock.instant()));
    return id;
  }

  @Override
  public String uploadPart(
      String key, String uploadId, int partNumber, InputStream content, long length) {
    Multipart m = multipart(key, uploadId);
    // A fresh ETag per upload of a part number, so completing with a stale one fails as on S3.
    String eTag = "\"" + UUID.randomUUID() + "\"";
    m.parts.put(partNumber, new Part(readExactly(content, length), eTag));
    return eTag;
  }

  @Override
  public void completeMultipart(String key, String uploadId, List<CompletedPart> parts) {
    Multipart m = multipart(key, uploadId);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < parts.size(); i++) {
      Part part = m.parts.get(parts.get(i).partNumber());
      if (part == null || !part.eTag.equals(parts.get(i).eTag())) {
        throw new StorageException("InvalidPart: " + parts.get(i).partNumber());
      }
      byte[] bytes = part.bytes;
      if (i < parts.size() - 1 && bytes.length < MIN_PART_SIZE) {
        throw new StorageException("EntityTooSmall: part " + parts.get(i).partNumber());
      }
      out.writeBytes(bytes);
    }
    multiparts.remove(uploadId);
    created(key, new StoredObject(out.toByteArray(), m.contentType, uploadId + "-" + parts.size()));
  }

  @Override
  public void abortMultipart(String key, String uploadId) {
    multiparts.remove(uploadId);
  }

  @Override
  public List<OpenMultipart> listMultipart(String prefix, String afterKey, int limit) {
    return multiparts.entrySet().stream()
        .filter(e -> e.getValue().key.startsWith(prefix)
            && (afterKey == null || e.getValue().key.compareTo(afterKey) > 0))
        .map(e -> new OpenMultipart(e.getValue().key, e.getKey(), e.getValue().initiated))
        .sorted(Comparator.comparing(OpenMultipart::key).thenComparing(OpenMultipart::initiated))
        .limit(limit)
        .toList();
  }

  @Override
  public Optional<URI> presignGet(String key, Duration validity) {
    return Optional.empty();
  }

  /** A URL naming the part, remembered with its expiry; only an issued URL writes. */
  @Override
  public Optional<URI> presignUploadPart(String key, String uploadId, int partNumber,
      Duration validity) {
    Instant expires = clock.instant().plus(validity);
    URI url = URI.create("memory://" + bucket + "/" + key + "?uploadId=" + uploadId
        + "&partNumber=" + partNumber + "&expires=" + expires.getEpochSecond()
        + "&nonce=" + UUID.randomUUID());
    presignedParts.put(url.toString(), expires);
    return Optional.of(url);
  }

  /**
   * What S3 does with a PUT of {@code body} to a presigned UploadPart URL: 200 when this store
   * issued exactly that URL and it has not expired (the part is stored), 403 otherwise (a
   * tampered or expired URL), 404 when the upload is gone.
   */
  public int putPresigned(URI url, byte[] body) {
    Instant expires = presignedParts.get(url.toString());
    if (expires == null || !clock.instant().isBefore(expires)) {
      return 403;
    }
    String key = url.getPath().substring(1);
    Map<String, String> query = new java.util.HashMap<>();
    for (String pair : url.getQuery().split("&")) {
      query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    try {
      uploadPart(key, query.get("uploadId"), Integer.parseInt(query.get("partNumber")),
          new ByteArrayInputStream(body), body.length);
      return 200;
    } catch (StorageException e) {
      return 404;
    }
  }

  @Override
  public List<CompletedPart> listParts(String key, String uploadId) {
    return multipart(key, uploadId).parts.entrySet().stream()
        .map(e -> new CompletedPart(e.getKey(), e.getValue().eTag, e.getValue().bytes.length))
        .toList();
  }

  /** Open multipart uploads, for tests that check sessions clean up after themselves. */
  public int openMultipartUploads() {
    return multiparts.size();
  }

  private void created(String key, StoredObject o) {
    objects.put(key, o);
    notifyCreated(key, o);
  }

  private void notifyCreated(String key, StoredObject o) {
    ObjectCreated event = new ObjectCreated(bucket, key, o.bytes.length, o.eTag,
        String.format("%016X", sequencer.incrementAndGet()));
    listeners.forEach(l -> l.accept(event));
  }

  private Multipart multipart(String key, String uploadId) {
    Multipart m = multiparts.get(uploadId);
    if (m == null || !m.key.equals(key)) {
      throw new StorageException("NoSuchUpload: " + uploadId);
    }
    return m;
  }

  private static ObjectInfo info(String key, StoredObject o) {
    return new ObjectInfo(key, o.bytes.length, o.eTag, o.contentType, o.metadata);
  }

  private static byte[] readExactly(InputStream content, long length) {
    try {
      byte[] bytes = content.readNBytes((int) length);
      if (bytes.length != length) {
        throw new StorageException("short body: " + bytes.length + " of " + length + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new StorageException("reading body failed", e);
    }
  }
}
