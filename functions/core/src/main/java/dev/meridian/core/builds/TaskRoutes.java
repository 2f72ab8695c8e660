package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.webhooks.WebhookSigner;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code /meridian/v1/tasks...} (docs/builds.md "Tasks"): register a task in this region
 * ({@code POST}), list and get this region's tasks, update one ({@code PATCH}: its build, its
 * triggers, enabled or not), run one now ({@code POST tasks/<name>/run}), list its runs ({@code
 * GET tasks/<name>/runs}), and its HTTP trigger URL ({@code POST tasks/<name>/trigger}, {@link
 * TaskHook}), and delete one ({@code DELETE}). Registering or changing the build reads the Dockerfile from the context once to
 * learn the FROM images its trigger watches. Errors as {@link BuildRoutes}: bad input 400, an
 * unknown task 404, a taken name 409, a run of a disabled task 409.
 */
public final class TaskRoutes implements AdminRoutes {
  /** Racing updates of one task: each is re-applied to the winner's result this often. */
  private static final int UPDATE_ATTEMPTS = 5;

  private final TaskStore tasks;
  private final BuildEnqueuer enqueuer;
  private final Clock clock;
  private final ContextReader contexts;
  private final TaskHook hook;

  /** @param contexts reads a task's Dockerfile for its bases (on the request thread) */
  public TaskRoutes(TaskStore tasks, BuildEnqueuer enqueuer, Clock clock,
      ContextReader contexts) {
    this.tasks = tasks;
    this.enqueuer = enqueuer;
    this.clock = clock;
    this.contexts = contexts;
    this.hook = new TaskHook(tasks, enqueuer, clock);
  }

  /**
   * The {@code builds} permission, but for the HTTP trigger URL: a source-control host has no
   * registry credentials; the request's signature with the task's own secret authenticates it
   * ({@link TaskHook}).
   */
  @Override
  public List<Route> routes() {
    RoutePermission builds = RoutePermission.of(RegistryPermission.BUILDS);
    String all = RouteTable.PREFIX + "tasks";
    String one = all + "/{name}";
    return AdminRoutes.rejectingInvalidInput(List.of(
        Route.of("GET", all, builds, (r, p) -> list(r)),
        Route.of("POST", all, builds, (r, p) -> create(r)),
        Route.of("POST", one + "/trigger", RoutePermission.signedByCaller(),
            (r, p) -> hook.handle(r, p.get("name"))),
        Route.of("POST", one + "/run", builds, (r, p) -> run(existing(p.get("name")))),
        Route.of("GET", one + "/runs", builds, (r, p) -> history(existing(p.get("name")), r)),
        Route.of("GET", one, builds,
            (r, p) -> BuildJson.response(200, task(existing(p.get("name")), r))),
        Route.of("PATCH", one, builds, (r, p) -> update(r, p.get("name"))),
        Route.of("DELETE", one, builds, (r, p) -> delete(p.get("name")))));
  }

  private HttpResponse run(Task task) {
    if (!task.enabled()) {
      throw new RegistryException(ErrorKind.LOCKED, "task " + task.name()
          + " is disabled: enable it with PATCH {\"enabled\": true}");
    }
    BuildRun run = enqueuer.enqueue(task.request(), Trigger.MANUAL);
    tasks.recordRun(task.name(), new TaskStore.TaskRun(run.id(), run.createdAt()));
    ObjectNode body = BuildJson.JSON.createObjectNode().put("runId", run.id().toString())
        .put("status", run.status().wireName())
        .put("statusUrl", BuildJson.statusUrl(run.id()));
    return BuildJson.response(202, body).header("Location", BuildJson.statusUrl(run.id()));
  }

  private HttpResponse create(HttpRequest request) {
    byte[] body = AdminRoutes.readBody(request, BuildRoutes.MAX_REQUEST);
    BuildRequest build = BuildJson.request(body)
        .ownedBy(CallerName.of(request)); // every run of the task acts as who registered it
    JsonNode node = TaskJson.tree(body);
    if (build.clientToken() != null) {
      throw new IllegalArgumentException("a task takes no clientToken (its name is its identity)");
    }
    if (build.images().isEmpty()) {
      throw new IllegalArgumentException("a task needs images to push");
    }
    JsonNode trigger = node.get("baseImageTrigger");
    Instant now = clock.instant();
    String secret = node.path("httpTrigger").asBoolean(false) ? WebhookSigner.newSecret() : null;
    JsonNode enabled = node.get("enabled");
    Task task = new Task(node.path("name").asText(null), build,
        trigger == null || trigger.isNull() || trigger.asBoolean(), bases(build), now,
        TaskJson.timers(node.get("timers")), secret,
        enabled == null || enabled.isNull() || enabled.asBoolean(), now, 1);
    if (!tasks.create(task)) {
      throw ErrorKind.CONFLICT.because("task " + task.name() + " exists");
    }
    return BuildJson.response(201, withSecret(task(task, request), secret))
        .header("Location", "/meridian/v1/tasks/" + task.name());
  }

  /**
   * {@code PATCH}: the fields present replace the task's (docs/builds.md "Updating a task"). A
   * change of what is built makes the caller the task's owner — a run acts as its owner, so
   * changing another account's build must not borrow that account's grants; enabling,
   * disabling and trigger changes keep the owner. Conditional on the revision read; a racing
   * update makes this one re-apply to the result.
   */
  private HttpResponse update(HttpRequest request, String name) {
    JsonNode patch = TaskJson.tree(AdminRoutes.readBody(request, BuildRoutes.MAX_REQUEST));
    TaskJson.checkPatchFields(patch);
    for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      Task current = existing(name);
      BuildRequest build = current.request();
      List<String> bases = current.bases();
      if (TaskJson.changesRequest(patch)) {
        build = TaskJson.patchedRequest(build, patch).ownedBy(CallerName.of(request));
        if (build.images().isEmpty()) {
          throw new IllegalArgumentException("a task needs images to push");
        }
        bases = bases(build);
      }
      String secret = current.triggerSecret();
      String shown = null;
      if (patch.has("httpTrigger") && !patch.get("httpTrigger").asBoolean()) {
        secret = null;
      } else if ((patch.path("httpTrigger").asBoolean(false) && secret == null)
          || patch.path("rotateTriggerSecret").asBoolean(false)) {
        secret = shown = WebhookSigner.newSecret();
      }
      Task next = new Task(name, build,
          patch.has("baseImageTrigger") ? patch.get("baseImageTrigger").asBoolean()
              : current.baseImageTrigger(), bases, current.createdAt(),
          patch.has("timers") ? TaskJson.timers(patch.get("timers")) : current.timers(), secret,
          patch.has("enabled") ? patch.get("enabled").asBoolean() : current.enabled(),
          clock.instant(), current.revision() + 1);
      if (tasks.update(next)) {
        return BuildJson.response(200, withSecret(task(next, request), shown));
      }
    }
    throw ErrorKind.CONFLICT.because("task " + name + " kept changing; try again");
  }

  /**
   * {@code DELETE tasks/<name>}: 204; its timers and triggers stop with it. Runs already
   * enqueued go on (cancel them through {@code /meridian/v1/builds}).
   */
  private HttpResponse delete(String name) {
    if (!tasks.delete(name)) {
      throw ErrorKind.NOT_FOUND.because("no task " + name + " in region " + enqueuer.self().name());
    }
    return HttpResponse.of(204);
  }

  /** {@code GET tasks/<name>/runs?top=}: the task's runs, newest first, as they are now. */
  private HttpResponse history(Task task, HttpRequest request) {
    int top = BuildRoutes.top(request.query("top"));
    ObjectNode body = BuildJson.JSON.createObjectNode().put("task", task.name())
        .put("region", enqueuer.self().name());
    ArrayNode runs = body.putArray("runs");
    for (TaskStore.TaskRun entry : tasks.history(task.name(), top)) {
      enqueuer.region(entry.runId().seed()).flatMap(r -> r.runs().get(entry.runId())
          .map(run -> BuildJson.run(run, r.name()))).ifPresent(runs::add);
    }
    return BuildJson.response(200, body);
  }

  private static ObjectNode withSecret(ObjectNode task, String secret) {
    if (secret != null) {
      task.put("triggerSecret", secret); // shown once: here, when created or rotated
    }
    return task;
  }

  private List<String> bases(BuildRequest build) {
    String key = StorageLayout.buildContext(build.context());
    ObjectContent content = enqueuer.self().objects().get(key).orElseThrow(() ->
        new IllegalArgumentException("context " + build.context() + " is not in region "
            + enqueuer.self().name() + ": upload it with POST /meridian/v1/builds/contexts"));
    try {
      return contexts.bases(content, build.dockerfile(), build.buildArgs());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read context " + build.context() + ": "
          + e.getMessage());
    }
  }

  private HttpResponse list(HttpRequest request) {
    // How far base-image triggers have read this region's event log (GET /meridian/v1/events).
    ObjectNode body = BuildJson.JSON.createObjectNode().put("region", enqueuer.self().name())
        .put("triggerCursor", tasks.cursor());
    ArrayNode items = body.putArray("tasks");
    tasks.list().forEach(t -> items.add(task(t, request)));
    return BuildJson.response(200, body);
  }

  private ObjectNode task(Task t, HttpRequest request) {
    return TaskJson.task(t, enqueuer.self().name(), request.baseUrl(), clock.instant());
  }

  private Task existing(String name) {
    return tasks.get(name).orElseThrow(() -> ErrorKind.NOT_FOUND.because("no task " + name + " in region " + enqueuer.self().name()));
  }
}
