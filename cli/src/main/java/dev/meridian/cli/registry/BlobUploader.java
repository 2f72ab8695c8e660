package dev.meridian.cli.registry;

import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.transfer.BlobContent;
import dev.meridian.cli.transfer.Progress;

/**
 * How a blob's bytes reach a registry. {@link StandardUploader} speaks the OCI distribution
 * protocol to any registry; {@link DirectUploader} sends large blobs straight to S3 through the
 * presigned UploadPart URLs Meridian offers, chosen per session by what the registry answers,
 * with {@link StandardUploader} as the fallback.
 */
public interface BlobUploader {

  /** Uploads {@code blob}; returns once the registry holds it under its digest. */
  void upload(Repository repository, Descriptor blob, BlobContent content, Progress.Tracker progress);
}
