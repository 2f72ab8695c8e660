package dev.meridian.aws.s3;

import dev.meridian.core.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Server-side copies into one bucket: bytes never pass through the function. CopyObject takes
 * objects up to 5 GiB; larger ones are copied as a multipart upload of UploadPartCopy ranges (S3
 * "Copying objects": a single CopyObject is limited to 5 GB). Content type and user metadata go
 * along in both cases.
 *
 * <p>CopyObject is tried first, without asking the source's size: S3 refuses a source over 5 GiB
 * with 400 {@code InvalidRequest} ("The specified copy source is larger than the maximum allowable
 * size for a copy source: 5368709120"), and only then is the source headed and copied in parts.
 * A HEAD before every copy cost one round trip per blob of every upload's closing PUT and of
 * every replication fan-out, for a case layers almost never reach (bench/notes.md).
 */
final class S3ServerSideCopy {

  static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
  static final long PART_COPY_SIZE = 512L * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final long maxSingleCopy;
  private final long partCopySize;

  S3ServerSideCopy(S3Client s3, String bucket) {
    this(s3, bucket, MAX_SINGLE_COPY, PART_COPY_SIZE);
  }

  /** With other limits than S3's, for tests of the multipart path on small objects. */
  S3ServerSideCopy(S3Client s3, String bucket, long maxSingleCopy, long partCopySize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.maxSingleCopy = maxSingleCopy;
    this.partCopySize = partCopySize;
  }

  void copy(String sourceBucket, String sourceKey, String targetKey) {
    String what = "copy " + sourceBucket + "/" + sourceKey + " to " + bucket + "/" + targetKey;
    try {
      try {
        s3.copyObject(r -> r.sourceBucket(sourceBucket).sourceKey(sourceKey)
            .destinationBucket(bucket).destinationKey(targetKey));
      } catch (S3Exception e) {
        if (!refusedAsTooLarge(e)) {
          throw e;
        }
        HeadObjectResponse source = s3.headObject(r -> r.bucket(sourceBucket).key(sourceKey));
        if (source.contentLength() <= maxSingleCopy) {
          throw e; // InvalidRequest for another reason
        }
        copyInParts(sourceBucket, sourceKey, targetKey, source);
      }
    } catch (S3Exception e) {
      throw new StorageException(what + " failed: " + e.statusCode() + " "
          + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()), e);
    } catch (SdkException e) {
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean refusedAsTooLarge(S3Exception e) {
    return e.statusCode() == 400 && e.awsErrorDetails() != null
        && "InvalidRequest".equals(e.awsErrorDetails().errorCode());
  }

  private void copyInParts(
      String sourceBucket, String sourceKey, String targetKey, HeadObjectResponse source) {
    String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(targetKey)
        .contentType(source.contentType()).metadata(source.metadata())).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long size = source.contentLength();
      int number = 1;
      for (long first = 0; first < size; first += partCopySize, number++) {
        String range = "bytes=" + first + "-" + (Math.min(first + partCopySize, size) - 1);
        int partNumber = number;
        String eTag = s3.uploadPartCopy(r -> r.sourceBucket(sourceBucket).sourceKey(sourceKey)
            .copySourceRange(range).destinationBucket(bucket).destinationKey(targetKey)
            .uploadId(uploadId).partNumber(partNumber)).copyPartResult().eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
      }
      s3.completeMultipartUpload(r -> r.bucket(bucket).key(targetKey).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(targetKey).uploadId(uploadId));
      throw e;
    }
  }
}
