package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.Pages;
import dev.meridian.cli.image.Reference;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import dev.meridian.cli.registry.Repository;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code meridian tag list REPO}, {@code meridian tag delete REF}. */
@Command(name = "tag", mixinStandardHelpOptions = true, description = "Tags.",
    subcommands = {TagCommand.ListTags.class, TagCommand.Delete.class})
public final class TagCommand {

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "List a repository's tags (every page of GET /v2/<name>/tags/list).")
  static final class ListTags implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "REPO", description = "[HOST[:PORT]/]REPOSITORY")
    String repository;

    ListTags(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      String last = repository.substring(repository.lastIndexOf('/') + 1);
      if (repository.contains("@") || last.contains(":")) {
        throw CliException.usage("tag list takes a repository, not an image reference: " + repository);
      }
      Reference ref = Reference.parse(repository, session::defaultRegistry);
      List<String> tags = Pages.strings(session.client(ref.registry()),
          "/v2/" + ref.repository() + "/tags/list", "tags");
      ObjectNode json = JsonNodeFactory.instance.objectNode().put("name", ref.repository());
      tags.forEach(json.putArray("tags")::add);
      output.print(session.out(), json, node -> {
        Table t = Table.of("tag");
        tags.forEach(t::row);
        return t;
      });
    }
  }

  @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
      description = "Delete a tag (the manifest stays reachable by digest), or a manifest by digest.")
  static final class Delete implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "REF", description = "[HOST[:PORT]/]REPO:TAG or REPO@DIGEST")
    String reference;

    Delete(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      Reference ref = Reference.parse(reference, session::defaultRegistry);
      new Repository(session.client(ref.registry()), ref.repository()).deleteManifest(ref.reference());
      session.out().println("Deleted " + ref);
    }
  }
}
