package dev.meridian.core.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /**
   * Writes small content only if nothing is at {@code key} (S3 {@code If-None-Match: *}). Returns
   * true when the object now holds {@code content} because of this call — including when a retry
   * of this very write found its own first attempt, which shows as the key already holding
   * exactly these bytes; false when other bytes are there.
   */
  boolean putIfAbsent(String key, byte[] content, String contentType);

  /**
   * {@link #putIfAbsent(String, byte[], String)} with user metadata (S3 {@code x-amz-meta-*}:
   * lower-case US-ASCII names and values, at most 2 KB in all). Server-side copies keep it
   * (CopyObject's default {@code MetadataDirective COPY}), which is how an object's origin region
   * travels with it (docs/architecture.md, replication protocol).
   */
  boolean putIfAbsent(String key, byte[] content, String contentType, Map<String, String> metadata);

  /** The bucket's name, e.g. {@code meridian-eastus}; a copy source for other regions. */
  String bucket();

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

  /**
   * Server-side copy of {@code key} from another bucket ({@code source}, usually another region's)
   * to the same key in this bucket, replacing any object there; content type and user metadata
   * are kept. Bytes never pass through the caller: S3 CopyObject with {@code
   * CopySource=source.bucket()/key} issued to this bucket's region, UploadPartCopy in parts for
   * objects over 5 GB. Fails with {@link StorageException} when the source object is absent.
   */
  void copyFrom(ObjectStore source, String key);

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
   * Open multipart uploads whose key starts with {@code prefix} and sorts after {@code afterKey}
   * (null: from the start), in key order, at most {@code limit} (S3 ListMultipartUploads with
   * {@code key-marker}). For the sweeper of abandoned uploads ({@code UploadSweeper}).
   */
  List<OpenMultipart> listMultipart(String prefix, String afterKey, int limit);

  /**
   * A URL that lets any HTTP client GET {@code key} (Range allowed) until {@code validity}
   * passes, or empty when this store cannot presign (then the edge streams instead).
   */
  Optional<URI> presignGet(String key, Duration validity);

  /**
   * A URL that lets any HTTP client upload part {@code partNumber} of multipart upload {@code
   * uploadId} of {@code key} with one {@code PUT} (S3 UploadPart, presigned) until {@code
   * validity} passes; nothing else (another key, upload or part number) can be written with it.
   * Empty when this store cannot presign (then direct uploads are not offered).
   */
  default Optional<URI> presignUploadPart(String key, String uploadId, int partNumber,
      Duration validity) {
    return Optional.empty();
  }

  /**
   * The parts uploaded so far to multipart upload {@code uploadId} of {@code key}, in part
   * number order, each with its ETag and size (S3 ListParts, paged through). Fails with {@link
   * StorageException} when the upload is unknown (completed, aborted or never started).
   */
  default List<CompletedPart> listParts(String key, String uploadId) {
    throw new StorageException("listParts is not supported by " + getClass().getSimpleName());
  }
}
