package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian webhook create|list|ping|events|redeliver|delete} (docs/webhooks.md). */
@Command(name = "webhook", mixinStandardHelpOptions = true, description = "Regional webhooks.",
    subcommands = {WebhookCommand.Create.class, WebhookCommand.ListHooks.class, WebhookCommand.Ping.class,
        WebhookCommand.Events.class, WebhookCommand.Redeliver.class, WebhookCommand.Delete.class})
public final class WebhookCommand {

  private static final String PATH = "/meridian/v1/webhooks";

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create a webhook in one region, or with --all-regions in every region.",
          "With --all-regions every region gets the same signing secret, printed once."})
  static final class Create implements Runnable {
    private final Session session;
    @Mixin RegionTarget target;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "NAME", description = "5-50 lower-case letters and digits")
    String name;
    @Option(names = "--uri", required = true, paramLabel = "URL", description = "Where deliveries are POSTed.")
    String uri;
    @Option(names = "--actions", split = ",", defaultValue = "push", paramLabel = "ACTION",
        description = "push, delete, replicated (comma-separated; default: ${DEFAULT-VALUE}).")
    List<String> actions;
    @Option(names = "--scope", defaultValue = "", paramLabel = "REPO[:TAG]",
        description = "e.g. 'app:*' (default: every event).")
    String scope;
    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A custom header sent with every delivery.")
    Map<String, String> headers;
    @Option(names = "--disabled", description = "Create it disabled.")
    boolean disabled;

    Create(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name).put("serviceUri", uri)
          .put("scope", scope).put("status", disabled ? "disabled" : "enabled").put("secret", secret());
      actions.forEach(body.putArray("actions")::add);
      if (headers != null) {
        ObjectNode h = body.putObject("customHeaders");
        headers.forEach(h::put);
      }
      ArrayNode created = JsonNodeFactory.instance.arrayNode();
      for (Map.Entry<String, RegistryClient> region : target.clients(session).entrySet()) {
        JsonNode hook = region.getValue().json("POST", PATH, body);
        ((ObjectNode) hook).put("region", region.getKey());
        created.add(hook);
        if (!output.json()) {
          session.out().println("Created webhook " + name + " in " + region.getKey());
        }
      }
      if (output.json()) {
        OutputOption.printJson(session.out(), created);
      } else {
        session.out().println("secret: " + body.get("secret").asText() + "  (shown once; verify deliveries with it)");
      }
    }

    /** One Standard Webhooks secret for every region: {@code whsec_} + base64 of 32 random bytes. */
    private static String secret() {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List webhooks.")
  static final class ListHooks implements Runnable {
    private final Session session;
    @Mixin RegionTarget target;
    @Mixin OutputOption output;

    ListHooks(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ArrayNode all = perRegion(target.clients(session), client -> client.getJson(PATH).path("webhooks"));
      output.print(session.out(), JsonNodeFactory.instance.objectNode().set("webhooks", all), node -> {
        Table t = Table.of("region", "name", "status", "actions", "scope", "serviceUri");
        all.forEach(h -> t.row(h.path("region"), h.path("name"), h.path("status"), join(h.path("actions")),
            h.path("scope").asText().isEmpty() ? "*" : h.path("scope").asText(), h.path("serviceUri")));
        return t;
      });
    }
  }

  @Command(name = "ping", mixinStandardHelpOptions = true, description = "Send a ping now and show what became of it.")
  static final class Ping implements Runnable {
    private final Session session;
    @Mixin RegionTarget target;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    Ping(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ArrayNode all = perRegion(target.clients(session),
          client -> List.of(client.json("POST", PATH + "/" + name + "/ping", null)));
      output.print(session.out(), all, node -> {
        Table t = Table.of("region", "status", "latencyMillis", "error", "summary");
        all.forEach(p -> t.row(p.path("region"), p.path("status"), p.path("latencyMillis"), p.path("error"), p.path("summary")));
        return t;
      });
    }
  }

  @Command(name = "events", mixinStandardHelpOptions = true, description = "A webhook's delivery history.")
  static final class Events implements Runnable {
    private final Session session;
    @Mixin RegionTarget target;
    @Mixin OutputOption output;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    Events(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ArrayNode all = perRegion(target.clients(session),
          client -> client.getJson(PATH + "/" + name + "/events?limit=500").path("events"));
      output.print(session.out(), JsonNodeFactory.instance.objectNode().set("events", all), node -> {
        Table t = Table.of("region", "id", "action", "state", "attempts", "status", "createdAt");
        all.forEach(e -> t.row(e.path("region"), e.path("id"), e.path("action"), e.path("state"),
            e.path("attempts"), e.path("response").path("status"), e.path("createdAt")));
        return t;
      });
    }
  }

  @Command(name = "redeliver", mixinStandardHelpOptions = true, description = "Queue a delivery again (e.g. a dead letter).")
  static final class Redeliver implements Runnable {
    private final Session session;
    @Mixin RegionTarget target;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "DELIVERY_ID") String id;

    Redeliver(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      target.clients(session).forEach((region, client) -> {
        client.json("POST", PATH + "/" + name + "/events/" + id + "/redeliver", null);
        session.out().println("Queued delivery " + id + " of " + name + " again in " + region);
      });
    }
  }

  @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true, description = "Delete a webhook.")
  static final class Delete implements Runnable {
    private final Session session;
    @Mixin RegionTarget target;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    Delete(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      target.clients(session).forEach((region, client) -> {
        client.json("DELETE", PATH + "/" + name, null);
        session.out().println("Deleted webhook " + name + " in " + region);
      });
    }
  }

  /** The items each region answers, each marked with its region. */
  static ArrayNode perRegion(Map<String, RegistryClient> clients,
      java.util.function.Function<RegistryClient, Iterable<JsonNode>> items) {
    ArrayNode all = JsonNodeFactory.instance.arrayNode();
    clients.forEach((region, client) -> items.apply(client).forEach(item -> all.add(((ObjectNode) item).put("region", region))));
    return all;
  }

  static String join(JsonNode array) {
    StringBuilder b = new StringBuilder();
    array.forEach(a -> b.append(b.length() == 0 ? "" : ",").append(a.asText()));
    return b.toString();
  }
}
