package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code meridian push SRC REF}. */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Push an image from a layout or archive to a registry.",
        "SRC: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:NAME:TAG]",
        "REF: HOST[:PORT]/REPO[:TAG]"})
public final class PushCommand implements Runnable {

  private final Session session;
  @Mixin TransferOptions options;
  @Mixin UploadOptions upload;
  @Parameters(index = "0", paramLabel = "SRC") String source;
  @Parameters(index = "1", paramLabel = "REF") String reference;

  PushCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    options.copy(session, source, reference, upload.uploader(session));
  }
}
