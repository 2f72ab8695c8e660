package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code meridian copy SRC DST}: any location to any location, e.g. registry to registry. */
@Command(name = "copy", aliases = "cp", mixinStandardHelpOptions = true,
    description = {"Copy an image between registries, layouts and archives.",
        "SRC, DST: HOST[:PORT]/REPO[:TAG|@DIGEST], oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:NAME:TAG]"})
public final class CopyCommand implements Runnable {

  private final Session session;
  @Mixin TransferOptions options;
  @Mixin UploadOptions upload;
  @Parameters(index = "0", paramLabel = "SRC") String source;
  @Parameters(index = "1", paramLabel = "DST") String destination;

  CopyCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    options.copy(session, source, destination, upload.uploader(session));
  }
}
