package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.image.Manifest;
import dev.meridian.cli.registry.BlobUploader;
import dev.meridian.cli.registry.StandardUploader;
import dev.meridian.cli.transfer.ImageDestination;
import dev.meridian.cli.transfer.ImageSource;
import dev.meridian.cli.transfer.Progress;
import dev.meridian.cli.transfer.Transfer;
import picocli.CommandLine.Option;

/** What push, pull and copy share: the flags and the copy itself. */
final class TransferOptions {

  @Option(names = {"-q", "--quiet"}, description = "No progress; print only the manifest digest.")
  boolean quiet;

  @Option(names = {"-j", "--jobs"}, defaultValue = "4", paramLabel = "N",
      description = "Blobs copied in parallel (default: ${DEFAULT-VALUE}).")
  int jobs;

  void copy(Session session, String from, String to) {
    copy(session, from, to, new StandardUploader());
  }

  /** Copies with {@code uploader} for a registry destination (push and copy choose it: {@link UploadOptions}). */
  void copy(Session session, String from, String to, BlobUploader uploader) {
    if (jobs < 1) {
      throw CliException.usage("--jobs must be at least 1");
    }
    ImageLocation source = ImageLocation.parse(from, session);
    ImageLocation destination = ImageLocation.parse(to, session);
    Progress progress = Progress.of(session.err(), session.terminal(), quiet);
    try (ImageSource in = source.openSource(session);
        ImageDestination out = destination.openDestination(session, uploader, source.name())) {
      Manifest top = new Transfer(jobs, progress).copy(in, out);
      session.out().println(quiet ? top.digest() : "Copied " + out.describe(top));
    }
  }
}
