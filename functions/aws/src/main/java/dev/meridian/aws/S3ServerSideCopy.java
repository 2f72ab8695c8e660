package dev.meridian.aws;

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
 */
final class S3ServerSideCopy {

  static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
  static final long PART_COPY_SIZE = 512L * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;

  S3ServerSideCopy(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  void copy(String sourceBucket, String sourceKey, String targetKey) {
    String what = "copy " + sourceBucket + "/" + sourceKey + " to " + bucket + "/" + targetKey;
    try {
      HeadObjectResponse source = s3.headObject(r -> r.bucket(sourceBucket).key(sourceKey));
      if (source.contentLength() <= MAX_SINGLE_COPY) {
        s3.copyObject(r -> r.sourceBucket(sourceBucket).sourceKey(sourceKey)
            .destinationBucket(bucket).destinationKey(targetKey));
      } else {
        copyInParts(sourceBucket, sourceKey, targetKey, source);
      }
    } catch (S3Exception e) {
      throw new StorageException(what + " failed: " + e.statusCode() + " "
          + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()), e);
    } catch (SdkException e) {
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    }
  }

  private void copyInParts(
      String sourceBucket, String sourceKey, String targetKey, HeadObjectResponse source) {
    String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(targetKey)
        .contentType(source.contentType()).metadata(source.metadata())).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long size = source.contentLength();
      int number = 1;
      for (long first = 0; first < size; first += PART_COPY_SIZE, number++) {
        String range = "bytes=" + first + "-" + (Math.min(first + PART_COPY_SIZE, size) - 1);
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
