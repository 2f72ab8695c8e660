package dev.meridian.cli.cmd;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.registry.BlobUploader;
import dev.meridian.cli.registry.DirectUploader;
import dev.meridian.cli.registry.StandardUploader;
import picocli.CommandLine.Option;

/**
 * How push and copy send blobs to a registry: by default, direct uploads where the registry
 * limits a request's body (Meridian on Lambda) and one streamed PATCH where it does not
 * (docs/uploads.md, docs/benchmarks.md); {@code --direct} or {@code --no-direct} to choose.
 */
final class UploadOptions {

  @Option(names = "--no-direct",
      description = "Upload blobs through the registry with the standard OCI protocol only,"
          + " never straight to storage (Meridian's direct uploads, docs/uploads.md).")
  boolean noDirect;

  @Option(names = "--direct",
      description = "Upload blobs of 8 MiB and more straight to storage whenever the registry offers it"
          + " (default: only where the registry limits a request's body, as Meridian on Lambda).")
  boolean direct;

  /** Direct uploads resume across runs through the user's cache directory (docs/cli.md). */
  BlobUploader uploader(dev.meridian.cli.Session session) {
    if (noDirect && direct) {
      throw CliException.usage("--direct and --no-direct exclude each other");
    }
    StandardUploader standard = new StandardUploader();
    return noDirect ? standard : new DirectUploader(standard, session.env(), direct);
  }
}
