package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian task update|enable|disable|history}: change a task with {@code PATCH
 * /meridian/v1/tasks/<name>} (only what is given changes; docs/builds.md "Updating a task"), and
 * list its runs ({@code GET …/runs}).
 */
final class TaskChanges {
  private static final String PATH = "/meridian/v1/tasks/";

  private TaskChanges() {}

  /** The task's trigger URL, and its secret when this response carries it (once). */
  static void printTriggers(Session session, JsonNode task) {
    if (task.path("httpTrigger").asBoolean(false)) {
      session.out().println("Trigger URL: " + task.path("triggerUrl").asText());
    }
    if (task.hasNonNull("triggerSecret")) {
      session.out().println("Trigger secret (shown once; use it as the webhook's secret): "
          + task.path("triggerSecret").asText());
    }
    task.path("timers").forEach(t -> session.out().println("Timer " + t.path("name").asText() + " '"
        + t.path("schedule").asText() + "' next at " + t.path("nextRunAt").asText("-")));
  }

  /** {@code name=schedule,…} of a task's timers. */
  static String schedules(JsonNode task) {
    StringBuilder b = new StringBuilder();
    task.path("timers").forEach(t -> b.append(b.length() == 0 ? "" : ",")
        .append(t.path("name").asText()).append("=").append(t.path("schedule").asText()));
    return b.toString();
  }

  private static JsonNode patch(Session session, String region, String name, ObjectNode body) {
    if (body.isEmpty()) {
      throw CliException.usage("nothing to change: give at least one option (see --help)");
    }
    return Regions.one(session, region).json("PATCH", PATH + name, body);
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Change a task: only what is given changes.")
  static final class Update implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--region", paramLabel = "NAME", description = "The region that holds the task.") String region;
    @Option(names = "--context", paramLabel = "DIR", description = "A new context directory (uploaded).") Path context;
    @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Dockerfile, relative to the context.") String dockerfile;
    @Option(names = {"-t", "--image"}, paramLabel = "IMAGE", description = "Replace the images (repeatable).") List<String> images;
    @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Replace the build arguments (repeatable).")
    Map<String, String> buildArgs;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "The runs' timeout.") Integer timeoutSeconds;
    @Option(names = "--schedule", paramLabel = "CRON", description = "Replace the timers (repeatable; UTC).") List<String> schedules;
    @Option(names = "--no-schedule", description = "Remove every timer.") boolean noSchedule;
    @Option(names = "--base-image-trigger", negatable = true, description = "Run when a base image is pushed.")
    Boolean baseImageTrigger;
    @Option(names = "--http-trigger", negatable = true, description = "Have an HTTP trigger URL (a new secret when turned on).")
    Boolean httpTrigger;
    @Option(names = "--rotate-trigger-secret", description = "Replace the HTTP trigger's secret (shown once).")
    boolean rotateSecret;

    Update(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (context != null) {
        RegistryClient client = Regions.one(session, region);
        body.put("context", BuildOptions.upload(session, client, context,
            dockerfile == null ? "Dockerfile" : dockerfile));
      }
      if (dockerfile != null) {
        body.put("dockerfile", dockerfile);
      }
      if (images != null) {
        images.forEach(body.putArray("images")::add);
      }
      if (buildArgs != null) {
        buildArgs.forEach(body.putObject("buildArgs")::put);
      }
      if (timeoutSeconds != null) {
        body.put("timeoutSeconds", timeoutSeconds);
      }
      if (noSchedule) {
        body.putArray("timers");
      } else if (schedules != null) {
        schedules.forEach(body.putArray("timers")::add);
      }
      if (baseImageTrigger != null) {
        body.put("baseImageTrigger", baseImageTrigger);
      }
      if (httpTrigger != null) {
        body.put("httpTrigger", httpTrigger);
      }
      if (rotateSecret) {
        body.put("rotateTriggerSecret", true);
      }
      JsonNode task = patch(session, region, name, body);
      session.out().println("Updated task " + name + " (revision " + task.path("revision").asText() + ")");
      printTriggers(session, task);
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a task's triggers and runs start again.")
  static final class Enable implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--region", paramLabel = "NAME") String region;

    Enable(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      patch(session, region, name, JsonNodeFactory.instance.objectNode().put("enabled", true));
      session.out().println("Task " + name + " enabled");
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Stop a task's triggers (timers, base images, HTTP) and refuse its manual runs.")
  static final class Disable implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--region", paramLabel = "NAME") String region;

    Disable(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      patch(session, region, name, JsonNodeFactory.instance.objectNode().put("enabled", false));
      session.out().println("Task " + name + " disabled");
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "A task's runs, newest first.")
  static final class History implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--region", paramLabel = "NAME") String region;
    @Option(names = "--top", paramLabel = "N", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int top;
    @Mixin OutputOption output;

    History(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode runs = Regions.one(session, region).getJson(PATH + name + "/runs?top=" + top);
      output.print(session.out(), runs, node -> {
        Table t = Table.of("runId", "status", "trigger", "region", "createdAt", "error");
        node.path("runs").forEach(r -> t.row(r.path("runId"), r.path("status"),
            r.path("trigger").path("type").asText() + (r.path("trigger").has("detail")
                ? " " + r.path("trigger").path("detail").asText() : ""),
            r.path("region"), r.path("createdAt"), r.path("error").asText("")));
        return t;
      });
    }
  }
}
