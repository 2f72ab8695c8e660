package dev.meridian.core.storage;

import java.time.Instant;

/**
 * A multipart upload that was started and neither completed nor aborted: one {@code Upload}
 * element of S3's ListMultipartUploads. Its parts take storage until someone aborts it.
 *
 * @param initiated when CreateMultipartUpload ran (S3's {@code Initiated}, to the second or finer)
 */
public record OpenMultipart(String key, String uploadId, Instant initiated) {}
