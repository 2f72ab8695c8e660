package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian lock set|list|remove} (ACR's lock attributes) and {@code meridian lock rule
 * set|list|delete} (ECR's immutable tags); docs/retention-and-locks.md.
 */
@Command(name = "lock", mixinStandardHelpOptions = true,
    description = "Locks on repositories, tags and manifests; immutable-tag rules (admin).",
    subcommands = {LockCommand.Set.class, LockCommand.ListLocks.class, LockCommand.Remove.class,
        LockCommand.Rule.class})
public final class LockCommand {
  static final String PATH = "/meridian/v1/locks";
  static final String RULES = "/meridian/v1/immutability";

  @Command(name = "set", mixinStandardHelpOptions = true, description = {
      "Set lock attributes of REPO, REPO:TAG or REPO@DIGEST; attributes left out keep their value.",
      "A tag whose writes are disabled is pinned to the digest it points at now, in every region."})
  static final class Set implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "TARGET") String target;
    @Option(names = "--write-enabled", arity = "1", paramLabel = "BOOL") Boolean write;
    @Option(names = "--delete-enabled", arity = "1", paramLabel = "BOOL") Boolean delete;
    @Option(names = "--read-enabled", arity = "1", paramLabel = "BOOL") Boolean read;
    @Option(names = "--list-enabled", arity = "1", paramLabel = "BOOL") Boolean list;

    Set(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = LifecycleTargets.parse(target).json();
      putIfSet(body, "writeEnabled", write);
      putIfSet(body, "deleteEnabled", delete);
      putIfSet(body, "readEnabled", read);
      putIfSet(body, "listEnabled", list);
      JsonNode lock = session.client().json("PUT", PATH, body);
      output.print(session.out(), lock, node -> table(List.of(node)));
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List locks.")
  static final class ListLocks implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Option(names = "--repository", paramLabel = "REPO", description = "Only this repository's.")
    String repository;

    ListLocks(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode locks = session.client().getJson(PATH + (repository == null ? ""
          : "?repository=" + dev.meridian.cli.http.RegistryClient.encode(repository)));
      java.util.List<JsonNode> items = new java.util.ArrayList<>();
      locks.path("locks").forEach(items::add);
      output.print(session.out(), locks, node -> table(items));
    }
  }

  @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true,
      description = "Remove the lock of REPO, REPO:TAG or REPO@DIGEST (every attribute enabled).")
  static final class Remove implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "TARGET") String target;

    Remove(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      session.client().json("DELETE", PATH + "?" + LifecycleTargets.parse(target).query(), null);
      session.out().println("Unlocked " + target);
    }
  }

  @Command(name = "rule", mixinStandardHelpOptions = true,
      description = "Immutable-tag rules (IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION with --exclude).",
      subcommands = {RuleSet.class, RuleList.class, RuleDelete.class})
  static final class Rule {}

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Create or replace an immutable-tag rule.")
  static final class RuleSet implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--repositories", required = true, paramLabel = "PATTERN",
        description = "e.g. 'app/**'.") String repositories;
    @Option(names = "--exclude", paramLabel = "TAG_PATTERN",
        description = "Tags that stay mutable, e.g. 'latest' or 'dev-*' (repeatable).")
    List<String> exclusions;

    RuleSet(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("repositories", repositories);
      var array = body.putArray("exclusions");
      if (exclusions != null) {
        exclusions.forEach(array::add);
      }
      OutputOption.printJson(session.out(), session.client().json("PUT", RULES + "/" + name, body));
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "List immutable-tag rules.")
  static final class RuleList implements Runnable {
    private final Session session;
    @Mixin OutputOption output;

    RuleList(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode rules = session.client().getJson(RULES);
      output.print(session.out(), rules, node -> {
        Table t = Table.of("name", "repositories", "mutability", "exclusions");
        rules.path("rules").forEach(r -> t.row(r.path("name"), r.path("repositories"),
            r.path("mutability"), WebhookCommand.join(r.path("exclusions"))));
        return t;
      });
    }
  }

  @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
      description = "Delete an immutable-tag rule.")
  static final class RuleDelete implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    RuleDelete(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      session.client().json("DELETE", RULES + "/" + name, null);
      session.out().println("Deleted immutable-tag rule " + name);
    }
  }

  private static void putIfSet(ObjectNode body, String field, Boolean value) {
    if (value != null) {
      body.put(field, value);
    }
  }

  private static Table table(List<JsonNode> locks) {
    Table t = Table.of("target", "write", "delete", "read", "list", "pinnedDigest");
    for (JsonNode l : locks) {
      String target = l.path("repository").asText()
          + (l.hasNonNull("tag") ? ":" + l.path("tag").asText() : "")
          + (l.hasNonNull("digest") ? "@" + l.path("digest").asText() : "");
      t.row(target, l.path("writeEnabled"), l.path("deleteEnabled"), l.path("readEnabled"),
          l.path("listEnabled"), l.path("pinnedDigest").asText(""));
    }
    return t;
  }
}
