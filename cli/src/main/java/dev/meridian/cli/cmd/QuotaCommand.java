package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian quota set|list|delete}: storage quotas per repository pattern or for the whole
 * registry (/meridian/v1/quotas; written to every region). docs/lifecycle.md "Quotas".
 */
@Command(name = "quota", mixinStandardHelpOptions = true, description = "Storage quotas (admin).",
    subcommands = {QuotaCommand.Set.class, QuotaCommand.ListQuotas.class, QuotaCommand.Delete.class})
public final class QuotaCommand {
  private static final String PATH = "/meridian/v1/quotas";

  /** Exactly one of: a repository pattern, or the whole registry. */
  static final class Scope {
    @Option(names = "--repositories", paramLabel = "PATTERN", description = "Each repository matching, e.g. 'app/**'.")
    String repositories;
    @Option(names = "--registry-wide", description = "The whole registry (per region).")
    boolean registry;
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set a quota: BYTES with an optional k, M, G or T suffix (powers of 1024).")
  static final class Set implements Runnable {
    private final Session session;
    @ArgGroup(multiplicity = "1") Scope scope;
    @Parameters(index = "0", paramLabel = "BYTES") String size;

    Set(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("bytes", bytes(size));
      if (scope.registry) {
        body.put("registry", true);
      } else {
        body.put("repositories", scope.repositories);
      }
      session.client().json("PUT", PATH, body);
      session.out().println("Quota set: " + (scope.registry ? "registry" : scope.repositories)
          + " " + bytes(size) + " bytes");
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List quotas.")
  static final class ListQuotas implements Runnable {
    private final Session session;
    @Mixin OutputOption output;

    ListQuotas(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      output.print(session.out(), session.client().getJson(PATH), node -> {
        Table t = Table.of("scope", "bytes");
        node.path("quotas").forEach(q -> t.row(q.path("registry").asBoolean()
            ? "registry" : q.path("repositories").asText(), q.path("bytes")));
        return t;
      });
    }
  }

  @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true, description = "Delete a quota.")
  static final class Delete implements Runnable {
    private final Session session;
    @ArgGroup(multiplicity = "1") Scope scope;

    Delete(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      session.client().json("DELETE", PATH + (scope.registry ? "?registry=true"
          : "?repositories=" + RegistryClient.encode(scope.repositories)), null);
      session.out().println("Quota deleted: " + (scope.registry ? "registry" : scope.repositories));
    }
  }

  /** {@code 500M} → 524288000; a plain number is bytes. */
  static long bytes(String text) {
    String t = text.trim();
    int shift = switch (t.isEmpty() ? ' ' : Character.toUpperCase(t.charAt(t.length() - 1))) {
      case 'K' -> 10;
      case 'M' -> 20;
      case 'G' -> 30;
      case 'T' -> 40;
      default -> 0;
    };
    try {
      long n = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1));
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw CliException.usage("BYTES: a whole number with an optional k, M, G or T suffix, got " + text);
    }
  }
}
