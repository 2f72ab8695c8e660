package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.api.AdminRoutes;
import dev.meridian.core.auth.CallerName;
import dev.meridian.core.builder.BuildBudget;
import dev.meridian.core.builder.DockerfileBases;
import dev.meridian.core.builder.ImageName;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /meridian/v1/tasks...} (docs/builds.md "Tasks"): register a task in this region
 * ({@code POST}), list and get this region's tasks, run one now ({@code POST tasks/<name>/run}).
 * Registering reads the Dockerfile from the context once to learn the FROM images its trigger
 * watches. Errors as {@link BuildRoutes}: bad input 400, an unknown task 404, a taken name 409.
 */
public final class TaskRoutes implements AdminRoutes {
  private static final Pattern ONE = Pattern.compile("tasks/([^/]+)");
  private static final Pattern RUN = Pattern.compile("tasks/([^/]+)/run");

  private final TaskStore tasks;
  private final BuildEnqueuer enqueuer;
  private final Clock clock;
  private final BuildBudget budget;

  public TaskRoutes(TaskStore tasks, BuildEnqueuer enqueuer, Clock clock) {
    this(tasks, enqueuer, clock, BuildBudget.DEFAULT);
  }

  /** @param budget bounds the read of a context for its Dockerfile (on the request thread) */
  public TaskRoutes(TaskStore tasks, BuildEnqueuer enqueuer, Clock clock, BuildBudget budget) {
    this.tasks = tasks;
    this.enqueuer = enqueuer;
    this.clock = clock;
    this.budget = budget;
  }

  @Override
  public HttpResponse handle(HttpRequest request, String path) {
    return AdminRoutes.rejectingInvalidInput(() -> route(request, path));
  }

  private HttpResponse route(HttpRequest request, String path) {
    String method = request.method();
    if (path.equals("tasks")) {
      return switch (method) {
        case "GET" -> list();
        case "POST" -> create(request);
        default -> throw AdminRoutes.methodNotAllowed(method);
      };
    }
    Matcher m;
    if ((m = RUN.matcher(path)).matches()) {
      AdminRoutes.requireMethod(method, "POST");
      BuildRun run = enqueuer.enqueue(existing(m.group(1)).request(), Trigger.MANUAL);
      ObjectNode body = BuildJson.JSON.createObjectNode().put("runId", run.id().toString())
          .put("status", run.status().wireName())
          .put("statusUrl", BuildJson.statusUrl(run.id()));
      return BuildJson.response(202, body).header("Location", BuildJson.statusUrl(run.id()));
    }
    if ((m = ONE.matcher(path)).matches()) {
      AdminRoutes.requireMethod(method, "GET");
      return BuildJson.response(200, task(existing(m.group(1))));
    }
    throw new RegistryException(OciErrorCode.NAME_UNKNOWN, 404,
        "no such endpoint: /meridian/v1/" + path);
  }

  private HttpResponse create(HttpRequest request) {
    byte[] body = AdminRoutes.readBody(request, BuildRoutes.MAX_REQUEST);
    BuildRequest build = BuildJson.request(body)
        .ownedBy(CallerName.of(request)); // every run of the task acts as who registered it
    JsonNode node;
    try {
      node = BuildJson.JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not JSON: " + e.getMessage());
    }
    if (build.clientToken() != null) {
      throw new IllegalArgumentException("a task takes no clientToken (its name is its identity)");
    }
    if (build.images().isEmpty()) {
      throw new IllegalArgumentException("a task needs images to push");
    }
    JsonNode trigger = node.get("baseImageTrigger");
    Task task = new Task(node.path("name").asText(null), build,
        trigger == null || trigger.isNull() || trigger.asBoolean(), bases(build),
        clock.instant());
    if (!tasks.create(task)) {
      throw new RegistryException(OciErrorCode.UNSUPPORTED, 409,
          "task " + task.name() + " exists");
    }
    return BuildJson.response(201, task(task))
        .header("Location", "/meridian/v1/tasks/" + task.name());
  }

  private List<String> bases(BuildRequest build) {
    String key = StorageLayout.buildContext(build.context());
    ObjectContent content = enqueuer.self().objects().get(key).orElseThrow(() ->
        new IllegalArgumentException("context " + build.context() + " is not in region "
            + enqueuer.self().name() + ": upload it with POST /meridian/v1/builds/contexts"));
    try {
      return DockerfileBases.of(content::stream, build.dockerfile(), build.buildArgs(), budget).stream()
          .map(ImageName::toString).toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read context " + build.context() + ": "
          + e.getMessage());
    }
  }

  private HttpResponse list() {
    // How far base-image triggers have read this region's event log (GET /meridian/v1/events).
    ObjectNode body = BuildJson.JSON.createObjectNode().put("region", enqueuer.self().name())
        .put("triggerCursor", tasks.cursor());
    ArrayNode items = body.putArray("tasks");
    tasks.list().forEach(t -> items.add(task(t)));
    return BuildJson.response(200, body);
  }

  private ObjectNode task(Task t) {
    ObjectNode n = BuildJson.JSON.createObjectNode().put("name", t.name())
        .put("region", enqueuer.self().name())
        .put("baseImageTrigger", t.baseImageTrigger())
        .put("createdAt", t.createdAt().toString());
    t.bases().forEach(n.putArray("bases")::add);
    n.set("request", BuildJson.request(t.request()));
    return n;
  }

  private Task existing(String name) {
    return tasks.get(name).orElseThrow(() -> new RegistryException(OciErrorCode.NAME_UNKNOWN, 404,
        "no task " + name + " in region " + enqueuer.self().name()));
  }
}
