package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian deleted list|restore|policy}: soft delete (admin; docs/retention-and-locks.md). */
@Command(name = "deleted", mixinStandardHelpOptions = true,
    description = "Soft-deleted manifests: list, restore, and the soft-delete policy (admin).",
    subcommands = {DeletedCommand.ListDeleted.class, DeletedCommand.Restore.class,
        DeletedCommand.Policy.class})
public final class DeletedCommand {
  static final String PATH = "/meridian/v1/deleted/";

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "A repository's deleted manifests that can still be restored.")
  static final class ListDeleted implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "REPO") String repository;

    ListDeleted(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode listed = session.client().getJson(PATH + repository);
      output.print(session.out(), listed, node -> {
        Table t = Table.of("digest", "deletedAt", "restorableUntil");
        listed.path("manifests").forEach(m -> t.row(m.path("digest"), m.path("deletedAt"),
            m.path("restorableUntil")));
        return t;
      });
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Restore REPO@DIGEST (in every region), optionally under --tag.")
  static final class Restore implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "REPO@DIGEST") String target;
    @Option(names = "--tag", paramLabel = "TAG", description = "Point this tag at it.") String tag;

    Restore(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      LifecycleTargets t = LifecycleTargets.parse(target);
      if (t.digest() == null) {
        throw CliException.usage("restore takes REPO@DIGEST (see meridian deleted list REPO)");
      }
      session.client().json("POST", PATH + t.repository() + "/" + t.digest() + "/restore"
          + (tag == null ? "" : "?tag=" + dev.meridian.cli.http.RegistryClient.encode(tag)), null);
      session.out().println("Restored " + target + (tag == null ? "" : " as " + tag));
    }
  }

  @Command(name = "policy", mixinStandardHelpOptions = true,
      description = "Show the soft-delete policy, or change it (registry-wide).")
  static final class Policy implements Runnable {
    private final Session session;
    @Option(names = "--enabled", arity = "1", paramLabel = "BOOL") Boolean enabled;
    @Option(names = "--days", paramLabel = "N", description = "Restorable for N days (1-90).")
    Integer days;

    Policy(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      if (enabled == null && days == null) {
        OutputOption.printJson(session.out(), session.client().getJson("/meridian/v1/soft-delete"));
        return;
      }
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (enabled != null) {
        body.put("enabled", enabled);
      }
      if (days != null) {
        body.put("retentionDays", days);
      }
      OutputOption.printJson(session.out(),
          session.client().json("PUT", "/meridian/v1/soft-delete", body));
    }
  }
}
