package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;
import dev.meridian.cli.image.Reference;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import dev.meridian.cli.registry.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code meridian manifest show REF}: JSON is the stored manifest itself. */
@Command(name = "manifest", mixinStandardHelpOptions = true, description = "Manifests.",
    subcommands = ManifestCommand.Show.class)
public final class ManifestCommand {

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a manifest: its digest, type and blobs (table), or its exact JSON (-o json).")
  static final class Show implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "REF", description = "[HOST[:PORT]/]REPO[:TAG|@DIGEST]")
    String reference;

    Show(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      Reference ref = Reference.parse(reference, session::defaultRegistry);
      Manifest m = new Repository(session.client(ref.registry()), ref.repository()).manifest(ref.reference());
      if (output.json()) {
        session.out().println(new String(m.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        return;
      }
      session.out().println("digest:    " + m.digest());
      session.out().println("mediaType: " + m.mediaType());
      session.out().println("size:      " + m.bytes().length);
      Table t = Table.of("kind", "digest", "size", "mediaType");
      boolean first = true;
      for (Descriptor d : m.isIndex() ? m.children() : m.blobs()) {
        t.row(m.isIndex() ? "manifest" : first ? "config" : "layer", d.digest(), d.size(), d.mediaType());
        first = false;
      }
      t.print(session.out());
    }
  }
}
