package dev.meridian.aws.s3;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket provisioning for the local runtime and tests (on AWS, template.yaml owns buckets). */
public final class S3Buckets {
  private S3Buckets() {}

  /** Creates {@code bucket} unless it exists; safe to call from several starters at once. */
  public static void createIfMissing(S3Client s3, String bucket) {
    try {
      s3.headBucket(r -> r.bucket(bucket));
      return;
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
    try {
      s3.createBucket(r -> r.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      // another starter won the race: the bucket is there, which is all we wanted
    }
  }
}
