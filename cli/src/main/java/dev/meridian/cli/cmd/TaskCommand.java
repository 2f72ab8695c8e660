package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.output.OutputOption;
import dev.meridian.cli.output.Table;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian task create|list|show|run|update|enable|disable|history|delete}: builds registered to
 * run again, on demand, when a base image they build FROM is pushed (ACR's base-image-update
 * trigger), on a timer, or when their HTTP trigger URL gets a signed source webhook
 * (docs/builds.md). A task lives in the region it was created in.
 */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Build tasks and their triggers.",
    subcommands = {TaskCommand.Create.class, TaskCommand.ListTasks.class, TaskCommand.Show.class, TaskCommand.Run.class,
        TaskChanges.Update.class, TaskChanges.Enable.class, TaskChanges.Disable.class, TaskChanges.History.class,
        TaskCommand.Delete.class})
public final class TaskCommand {

  private static final String PATH = "/meridian/v1/tasks";

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Register a task from a context directory (uploaded once).")
  static final class Create implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "CONTEXT_DIR") Path context;
    @Mixin BuildOptions build;
    @Option(names = "--no-base-image-trigger", description = "Do not run when a base image is pushed.")
    boolean noTrigger;
    @Option(names = "--region", paramLabel = "NAME", description = "The region that holds the task.")
    String region;
    @Option(names = "--schedule", paramLabel = "CRON",
        description = "A timer in UTC (repeatable): 5 cron fields, or 6 with seconds first.")
    java.util.List<String> schedules;
    @Option(names = "--http-trigger", description = "Give the task an HTTP trigger URL and secret for source webhooks.")
    boolean httpTrigger;

    Create(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      RegistryClient client = Regions.one(session, region);
      ObjectNode body = build.request(session, client, context).put("name", name).put("baseImageTrigger", !noTrigger)
          .put("httpTrigger", httpTrigger);
      if (schedules != null) {
        schedules.forEach(body.putArray("timers")::add);
      }
      JsonNode task = client.json("POST", PATH, body);
      String bases = WebhookCommand.join(task.path("bases"));
      session.out().println("Created task " + name + " (base images watched: " + (bases.isEmpty() ? "none" : bases) + ")");
      TaskChanges.printTriggers(session, task);
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "A region's tasks.")
  static final class ListTasks implements Runnable {
    private final Session session;
    @Mixin OutputOption output;
    @Option(names = "--region", paramLabel = "NAME") String region;

    ListTasks(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      JsonNode tasks = Regions.one(session, region).getJson(PATH);
      output.print(session.out(), tasks, node -> {
        Table t = Table.of("name", "status", "images", "bases", "baseImageTrigger", "timers", "httpTrigger");
        node.path("tasks").forEach(k -> t.row(k.path("name"), k.path("status"),
            WebhookCommand.join(k.path("request").path("images")), WebhookCommand.join(k.path("bases")),
            k.path("baseImageTrigger"), TaskChanges.schedules(k), k.path("httpTrigger")));
        return t;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One task, as JSON.")
  static final class Show implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--region", paramLabel = "NAME") String region;

    Show(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      OutputOption.printJson(session.out(), Regions.one(session, region).getJson(PATH + "/" + name));
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a task now and follow its log.")
  static final class Run implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--region", paramLabel = "NAME") String region;
    @Mixin FollowOptions follow;

    Run(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      RegistryClient client = Regions.one(session, region);
      follow.follow(session, client, client.json("POST", PATH + "/" + name + "/run", null));
    }
  }

  @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
      description = "Delete a task: its triggers stop; runs already started go on (cancel them with 'run cancel').")
  static final class Delete implements Runnable {
    private final Session session;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--region", paramLabel = "NAME", description = "The region that holds the task.") String region;

    Delete(Session session) {
      this.session = session;
    }

    @Override
    public void run() {
      Regions.one(session, region).json("DELETE", PATH + "/" + name, null);
      session.out().println("Deleted task " + name);
    }
  }
}
