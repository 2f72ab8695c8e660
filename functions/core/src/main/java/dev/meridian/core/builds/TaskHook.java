package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.AdminRoutes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /meridian/v1/tasks/<name>/trigger}, a task's HTTP trigger URL (docs/builds.md "HTTP
 * triggers"): a source-control webhook signed with the task's own secret ({@link
 * SourceSignature}) starts a run with the commit ({@link SourceCommit}) as build args {@code
 * MERIDIAN_COMMIT} and {@code MERIDIAN_REF}, trigger {@code commit}. The registry's credentials
 * are not asked for (a source-control host has none to send): the signature is the credential, and
 * the run acts as the task's owner, as every run of the task does.
 *
 * <p><b>Replays.</b> The run's client token is {@code task.<name>.hook.<delivery key>}, so the
 * same delivery sent again — a retry, GitHub's "Redeliver", an attacker's replay within the
 * tolerance — returns the first run (200) instead of starting another (202).
 */
final class TaskHook {
  static final String COMMIT_ARG = "MERIDIAN_COMMIT";
  static final String REF_ARG = "MERIDIAN_REF";
  /** GitHub caps payloads at 25 MB but cuts a push to 20 commits; 4 MiB fits Lambda too. */
  static final int MAX_BODY = 4 * 1024 * 1024;

  private final TaskStore tasks;
  private final BuildEnqueuer enqueuer;
  private final Clock clock;

  TaskHook(TaskStore tasks, BuildEnqueuer enqueuer, Clock clock) {
    this.tasks = tasks;
    this.enqueuer = enqueuer;
    this.clock = clock;
  }

  /** {@code POST tasks/<name>/trigger} (the route table allows no other method). */
  HttpResponse handle(HttpRequest request, String name) {
    byte[] body = AdminRoutes.readBody(request, MAX_BODY);
    Task task = tasks.get(name).filter(Task::hasHttpTrigger).orElseThrow(() ->
        // The same answer for "no such task" and "no HTTP trigger": an unsigned caller learns
        // nothing about which tasks exist.
        ErrorKind.NOT_FOUND.because("no task " + name + " with an HTTP trigger in region " + enqueuer.self().name()));
    String delivery = SourceSignature.verify(task.triggerSecret(), request, body, clock.instant());
    if (!task.enabled()) {
      throw new RegistryException(ErrorKind.LOCKED, "task " + name + " is disabled");
    }
    SourceCommit commit = SourceCommit.of(request, TaskJson.tree(body));
    if (commit.commit() == null) {
      return BuildJson.response(200, BuildJson.JSON.createObjectNode().put("task", name)
          .putNull("runId").put("reason", commit.why()));
    }
    Map<String, String> args = new LinkedHashMap<>();
    args.put(COMMIT_ARG, commit.commit());
    if (commit.ref() != null) {
      args.put(REF_ARG, commit.ref());
    }
    String token = "hook." + delivery;
    boolean replay = enqueuer.self().runs().tokenOwner("task." + name + "." + token).isPresent();
    BuildRun run = enqueuer.enqueue(task.triggeredAs(token, args),
        new Trigger("commit", commit.commit()));
    tasks.recordRun(name, new TaskStore.TaskRun(run.id(), run.createdAt()));
    ObjectNode out = BuildJson.JSON.createObjectNode().put("task", name)
        .put("runId", run.id().toString()).put("status", run.status().wireName())
        .put("commit", commit.commit()).put("replay", replay)
        .put("statusUrl", BuildJson.statusUrl(run.id()));
    return BuildJson.response(replay ? 200 : 202, out)
        .header("Location", BuildJson.statusUrl(run.id()));
  }
}
