package dev.meridian.cli.cmd;

import dev.meridian.cli.registry.BlobUploader;
import dev.meridian.cli.registry.DirectUploader;
import dev.meridian.cli.registry.StandardUploader;
import picocli.CommandLine.Option;

/** How push and copy send blobs to a registry: direct uploads when offered, unless told not to. */
final class UploadOptions {

  @Option(names = "--no-direct",
      description = "Upload blobs through the registry with the standard OCI protocol only,"
          + " never straight to storage (Meridian's direct uploads, docs/uploads.md).")
  boolean noDirect;

  /** Direct uploads resume across runs through the user's cache directory (docs/cli.md). */
  BlobUploader uploader(dev.meridian.cli.Session session) {
    StandardUploader standard = new StandardUploader();
    return noDirect ? standard : new DirectUploader(standard, session.env());
  }
}
