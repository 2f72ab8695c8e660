package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code meridian pull REF DST}. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = {"Pull an image from a registry to a layout or archive.",
        "REF: HOST[:PORT]/REPO[:TAG|@DIGEST]",
        "DST: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:NAME:TAG]"})
public final class PullCommand implements Runnable {

  private final Session session;
  @Mixin TransferOptions options;
  @Parameters(index = "0", paramLabel = "REF") String reference;
  @Parameters(index = "1", paramLabel = "DST") String destination;

  PullCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    options.copy(session, reference, destination);
  }
}
