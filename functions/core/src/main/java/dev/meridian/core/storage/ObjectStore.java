package dev.meridian.core.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Port: one region's bucket (S3 semantics). Keys are built only by {@link StorageLayout}.
 * Implementations: {@code S3ObjectStore} (AWS SDK v2) and the in-memory fake in core's tests;
 * both pass {@code ObjectStoreContract}.
 *
 * <p>Failures other than "not there" surface as {@link StorageException}.
 */
public interface ObjectStore {

  /** S3's minimum size of every multipart part but the last. */
  long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** Writes {@code length} bytes read from {@code content} to {@code key}, replacing any object. */
  void put(String key, InputStream content, long length, String contentType);

  /** Writes small content only if nothing is at {@code key} (S3 {@code If-None-Match: *}). */
  boolean putIfAbsent(String key, byte[] content, String contentType);

  Optional<ObjectInfo> head(String key);

  /** The whole object, or empty when absent. The caller closes the stream. */
  Optional<ObjectContent> get(String key);

  /**
   * Bytes {@code first..last} inclusive (clamped to the object's end), or empty when absent. The
   * caller checks the range against {@link ObjectInfo#size()} first.
   */
  Optional<ObjectContent> getRange(String key, long first, long last);

  /** Server-side copy within this bucket (bytes never pass through the caller). */
  void copy(String sourceKey, String targetKey);

  /** Deletes {@code key}; deleting an absent key is success, as in S3. */
  void delete(String key);

  /** Keys under {@code prefix}, ascending, after {@code startAfter} (null for the start). */
  List<String> list(String prefix, String startAfter, int limit);

  /** Starts a multipart upload to {@code key}; returns the upload id. */
  String startMultipart(String key, String contentType);

  /** Uploads part {@code partNumber} (1-based) of {@code length} bytes; returns its ETag. */
  String uploadPart(String key, String uploadId, int partNumber, InputStream content, long length);

  void completeMultipart(String key, String uploadId, List<CompletedPart> parts);

  /** Aborts a multipart upload; aborting an unknown upload is success. */
  void abortMultipart(String key, String uploadId);

  /**
   * A URL that lets any HTTP client GET {@code key} (Range allowed) until {@code validity}
   * passes, or empty when this store cannot presign (then the edge streams instead).
   */
  Optional<URI> presignGet(String key, Duration validity);
}
