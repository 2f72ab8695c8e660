package dev.meridian.aws.s3;

import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.OpenMultipart;
import dev.meridian.core.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectStore} on one S3 bucket (AWS, LocalStack or s3proxy). "Not there" is an empty
 * result; every other SDK failure becomes a {@link StorageException} naming the operation and key.
 */
public final class S3ObjectStore implements ObjectStore {

  private static final int MAX_KEYS_PER_LIST = 1000;
  // S3 answers 409 ConditionalRequestConflict when another conditional write to the key is in
  // flight; the outcome is then unknown, so ask again rather than guess.
  private static final int CONDITIONAL_CONFLICT_ATTEMPTS = 5;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final S3ServerSideCopy copier;

  public S3ObjectStore(S3Client s3, S3Presigner presigner, String bucket) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
    this.copier = new S3ServerSideCopy(s3, bucket);
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public void put(String key, InputStream content, long length, String contentType) {
    call("put", key, () -> s3.putObject(
        r -> r.bucket(bucket).key(key).contentLength(length).contentType(contentType),
        body(content, length)));
  }

  /** An empty stream body makes the SDK read it twice (and fail); send no body instead. */
  private static RequestBody body(InputStream content, long length) {
    return length == 0 ? RequestBody.empty() : RequestBody.fromInputStream(content, length);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content, String contentType) {
    return putIfAbsent(key, content, contentType, Map.of());
  }

  @Override
  public boolean putIfAbsent(
      String key, byte[] content, String contentType, Map<String, String> metadata) {
    for (int attempt = 1; ; attempt++) {
      try {
        s3.putObject(
            r -> r.bucket(bucket).key(key).contentType(contentType).metadata(metadata)
                .ifNoneMatch("*"),
            RequestBody.fromBytes(content));
        return true;
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          // The SDK retries a PUT whose response it did not get; the retry then meets the
          // object its own first attempt wrote. Holding exactly these bytes counts as written.
          return holds(key, content);
        }
        if (e.statusCode() != 409 || attempt == CONDITIONAL_CONFLICT_ATTEMPTS) {
          throw failure("putIfAbsent", key, e);
        }
      } catch (SdkException e) {
        throw failure("putIfAbsent", key, e);
      }
    }
  }

  private boolean holds(String key, byte[] content) {
    Optional<ObjectContent> held = get(key);
    if (held.isEmpty()) {
      return false;
    }
    try (ObjectContent c = held.get()) {
      return c.length() == content.length
          && Arrays.equals(c.stream().readNBytes(content.length), content);
    } catch (IOException e) {
      throw new StorageException("reading " + bucket + "/" + key + " failed", e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    try {
      HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(key));
      return Optional.of(
          new ObjectInfo(key, r.contentLength(), r.eTag(), r.contentType(), r.metadata()));
    } catch (S3Exception e) {
      // HEAD responses have no error body, so a missing bucket also reads as "absent" here.
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("head", key, e);
    } catch (SdkException e) {
      throw failure("head", key, e);
    }
  }

  @Override
  public Optional<ObjectContent> get(String key) {
    return open(key, null);
  }

  @Override
  public Optional<ObjectContent> getRange(String key, long first, long last) {
    return open(key, "bytes=" + first + "-" + last);
  }

  private Optional<ObjectContent> open(String key, String range) {
    try {
      ResponseInputStream<GetObjectResponse> in =
          s3.getObject(b -> b.bucket(bucket).key(key).range(range));
      GetObjectResponse r = in.response();
      long length = r.contentLength();
      long size = range == null ? length : totalSize(r.contentRange(), length);
      return Optional.of(
          new ObjectContent(
              new ObjectInfo(key, size, r.eTag(), r.contentType(), r.metadata()), length, in));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      throw failure("get", key, e); // NoSuchBucket included: a misconfiguration, not "absent"
    } catch (SdkException e) {
      throw failure("get", key, e);
    }
  }

  /** The object's size from {@code Content-Range: bytes 0-9/100}. */
  private static long totalSize(String contentRange, long fallback) {
    if (contentRange == null || contentRange.indexOf('/') < 0 || contentRange.endsWith("/*")) {
      return fallback;
    }
    return Long.parseLong(contentRange.substring(contentRange.lastIndexOf('/') + 1).trim());
  }

  @Override
  public void copy(String sourceKey, String targetKey) {
    copier.copy(bucket, sourceKey, targetKey);
  }

  @Override
  public void copyFrom(ObjectStore source, String key) {
    copier.copy(source.bucket(), key, key);
  }

  @Override
  public void delete(String key) {
    call("delete", key, () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
  }

  @Override
  public List<String> list(String prefix, String startAfter, int limit) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      int want = Math.min(MAX_KEYS_PER_LIST, limit - keys.size());
      ListObjectsV2Request.Builder request =
          ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(want);
      if (token != null) {
        request.continuationToken(token);
      } else if (startAfter != null) {
        request.startAfter(startAfter);
      }
      ListObjectsV2Response page = call("list", prefix, () -> s3.listObjectsV2(request.build()));
      page.contents().stream().map(S3Object::key).limit(want).forEach(keys::add);
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null && keys.size() < limit);
    return keys;
  }

  @Override
  public String startMultipart(String key, String contentType) {
    return call("startMultipart", key, () -> s3.createMultipartUpload(
        r -> r.bucket(bucket).key(key).contentType(contentType))).uploadId();
  }

  @Override
  public String uploadPart(String key, String uploadId, int partNumber, InputStream content, long length) {
    return call("uploadPart " + partNumber + " of", key, () -> s3.uploadPart(
        r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength(length),
        body(content, length))).eTag();
  }

  @Override
  public void completeMultipart(String key, String uploadId, List<CompletedPart> parts) {
    CompletedMultipartUpload upload = CompletedMultipartUpload.builder()
        .parts(parts.stream()
            .map(p -> software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                .partNumber(p.partNumber()).eTag(p.eTag()).build())
            .toList())
        .build();
    call("completeMultipart", key, () -> s3.completeMultipartUpload(
        r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(upload)));
  }

  @Override
  public void abortMultipart(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) { // NoSuchUpload: already aborted or completed
        throw failure("abortMultipart", key, e);
      }
    } catch (SdkException e) {
      throw failure("abortMultipart", key, e);
    }
  }

  /**
   * ListMultipartUploads with {@code key-marker}, paged on by the next markers while truncated.
   * Keys are filtered here too, so a server that ignores the marker (or lists more than asked)
   * still yields exactly the contract's page.
   */
  @Override
  public List<OpenMultipart> listMultipart(String prefix, String afterKey, int limit) {
    List<OpenMultipart> uploads = new ArrayList<>();
    String keyMarker = afterKey;
    String uploadIdMarker = null;
    while (uploads.size() < limit) {
      String km = keyMarker;
      String um = uploadIdMarker;
      ListMultipartUploadsResponse page = call("listMultipart", prefix, () ->
          s3.listMultipartUploads(r -> r.bucket(bucket).prefix(prefix).keyMarker(km)
              .uploadIdMarker(um).maxUploads(Math.min(1000, limit - uploads.size()))));
      for (MultipartUpload u : page.uploads()) {
        if (uploads.size() < limit && u.key().startsWith(prefix)
            && (afterKey == null || u.key().compareTo(afterKey) > 0)) {
          uploads.add(new OpenMultipart(u.key(), u.uploadId(), u.initiated()));
        }
      }
      if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextKeyMarker() == null
          || page.nextKeyMarker().equals(keyMarker) && Objects.equals(page.nextUploadIdMarker(), um)) {
        break;
      }
      keyMarker = page.nextKeyMarker();
      uploadIdMarker = page.nextUploadIdMarker();
    }
    uploads.sort(Comparator.comparing(OpenMultipart::key));
    return uploads;
  }

  @Override
  public Optional<URI> presignGet(String key, Duration validity) {
    try {
      return Optional.of(presigner.presignGetObject(
          p -> p.signatureDuration(validity).getObjectRequest(g -> g.bucket(bucket).key(key)))
          .url().toURI());
    } catch (SdkException | java.net.URISyntaxException e) {
      throw new StorageException("presign " + bucket + "/" + key + " failed", e);
    }
  }

  /**
   * Presigned UploadPart: the signature covers bucket, key, uploadId and partNumber, so the URL
   * writes that one part and nothing else. The body's length is not signed (clients send their
   * part's bytes; completion checks every part's size through {@link #listParts}).
   */
  @Override
  public Optional<URI> presignUploadPart(String key, String uploadId, int partNumber,
      Duration validity) {
    try {
      return Optional.of(presigner.presignUploadPart(p -> p.signatureDuration(validity)
              .uploadPartRequest(u -> u.bucket(bucket).key(key).uploadId(uploadId)
                  .partNumber(partNumber)))
          .url().toURI());
    } catch (SdkException | java.net.URISyntaxException e) {
      throw new StorageException("presign part " + partNumber + " of " + bucket + "/" + key
          + " failed", e);
    }
  }

  /** ListParts, paged by {@code part-number-marker} (S3 lists at most 1,000 parts a page). */
  @Override
  public List<CompletedPart> listParts(String key, String uploadId) {
    List<CompletedPart> parts = new ArrayList<>();
    Integer marker = null;
    while (true) {
      Integer m = marker;
      ListPartsResponse page = call("listParts", key, () -> s3.listParts(r -> r.bucket(bucket)
          .key(key).uploadId(uploadId).partNumberMarker(m)));
      for (Part p : page.parts()) {
        parts.add(new CompletedPart(p.partNumber(), p.eTag(), p.size()));
      }
      if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextPartNumberMarker() == null
          || page.nextPartNumberMarker().equals(marker)) {
        break;
      }
      marker = page.nextPartNumberMarker();
    }
    parts.sort(Comparator.comparingInt(CompletedPart::partNumber));
    return parts;
  }

  private <T> T call(String operation, String key, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw failure(operation, key, e);
    } catch (UncheckedIOException | IllegalStateException e) {
      // The request body failed (client went away mid-upload) or could not be replayed for a
      // retry; the SDK reports these outside its own exception tree.
      throw new StorageException("S3 " + operation + " " + bucket + "/" + key + " failed: " + e, e);
    }
  }

  private StorageException failure(String operation, String key, SdkException e) {
    return new StorageException("S3 " + operation + " " + bucket + "/" + key + " failed: " + e.getMessage(), e);
  }
}
