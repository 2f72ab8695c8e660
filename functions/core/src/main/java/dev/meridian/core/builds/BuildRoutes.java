package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * {@code /meridian/v1/builds...} (docs/builds.md): upload a context, enqueue, get, list, cancel,
 * logs. A run is looked up in the region its ID's seed names, from any region. Errors use the
 * OCI error shape: bad input 400 {@code UNSUPPORTED}, unknown run 404 {@code NAME_UNKNOWN}.
 */
public final class BuildRoutes implements AdminRoutes {
  static final int MAX_REQUEST = 64 * 1024;
  /** An uploaded context's compressed size at most (docs/builds.md "Budgets"). */
  static final int MAX_CONTEXT = 64 * 1024 * 1024;
  static final int DEFAULT_TOP = 50;
  static final int MAX_TOP = 1000;

  private final BuildEnqueuer enqueuer;
  private final Clock clock;
  private final ContextReader contexts;

  /** @param contexts reads a quick run's task file before it is queued */
  public BuildRoutes(BuildEnqueuer enqueuer, Clock clock, ContextReader contexts) {
    this.enqueuer = enqueuer;
    this.clock = clock;
    this.contexts = contexts;
  }

  /**
   * The {@code builds} permission; a quick run ({@code POST runs}) needs {@code admin}, as it has
   * since it was added (its path is outside the {@code builds} area).
   */
  @Override
  public List<Route> routes() {
    RoutePermission builds = RoutePermission.of(RegistryPermission.BUILDS);
    String all = RouteTable.PREFIX + "builds";
    String one = all + "/{id}";
    return AdminRoutes.rejectingInvalidInput(List.of(
        // a quick run of a task file (az acr run)
        Route.of("POST", RouteTable.PREFIX + "runs", RoutePermission.of(RegistryPermission.ADMIN),
            (r, p) -> QuickRuns.enqueue(r, enqueuer, contexts)),
        Route.of("GET", all, builds, (r, p) -> list(r)),
        Route.of("POST", all, builds, (r, p) -> enqueue(r)),
        Route.of("POST", all + "/contexts", builds, (r, p) -> uploadContext(r)),
        Route.of("POST", one + "/cancel", builds, (r, p) -> cancel(RunId.parse(p.get("id")))),
        Route.of("GET", one + "/logs", builds, (r, p) -> logs(r, RunId.parse(p.get("id")))),
        Route.of("GET", one, builds, (r, p) -> run(RunId.parse(p.get("id"))))));
  }

  private HttpResponse cancel(RunId id) {
    BuildRegion holder = holder(id);
    existing(holder, id);
    return BuildJson.response(200, BuildJson.run(BuildRunner.cancel(holder, id, clock),
        holder.name()));
  }

  private HttpResponse logs(HttpRequest request, RunId id) {
    BuildRegion holder = holder(id);
    existing(holder, id);
    return RunLogFollow.respond(request, holder, id); // ?follow=true, ?offset=N
  }

  private HttpResponse run(RunId id) {
    BuildRegion holder = holder(id);
    return BuildJson.response(200, BuildJson.run(existing(holder, id), holder.name()));
  }

  private HttpResponse enqueue(HttpRequest request) {
    BuildRequest build = BuildJson.request(AdminRoutes.readBody(request, MAX_REQUEST))
        .ownedBy(CallerName.of(request)); // the run acts as whoever enqueued it
    String key = StorageLayout.buildContext(build.context());
    if (enqueuer.self().objects().head(key).isEmpty()) {
      throw new IllegalArgumentException("context " + build.context() + " is not in region "
          + enqueuer.self().name() + ": upload it with POST /meridian/v1/builds/contexts");
    }
    BuildRun run = enqueuer.enqueue(build, Trigger.MANUAL);
    BuildRegion holder = holder(run.id());
    ObjectNode body = BuildJson.JSON.createObjectNode()
        .put("runId", run.id().toString())
        .put("status", run.status().wireName())
        .put("region", holder.name())
        .put("statusUrl", BuildJson.statusUrl(run.id()));
    return BuildJson.response(202, body).header("Location", BuildJson.statusUrl(run.id()));
  }

  /** {@code ?top=}: 1 to {@value #MAX_TOP}, default {@value #DEFAULT_TOP}. */
  static int top(String topText) {
    if (topText == null) {
      return DEFAULT_TOP;
    }
    int top;
    try {
      top = Integer.parseInt(topText);
    } catch (NumberFormatException e) {
      top = -1;
    }
    if (top < 1 || top > MAX_TOP) {
      throw new IllegalArgumentException("top must be 1 to " + MAX_TOP + ", got " + topText);
    }
    return top;
  }

  private HttpResponse list(HttpRequest request) {
    String statusText = request.query("status");
    RunStatus status = statusText == null || statusText.isEmpty() ? null
        : RunStatus.parse(statusText);
    int top = top(request.query("top"));
    BuildRegion self = enqueuer.self();
    List<BuildRun> runs = self.runs().list(status, top);
    ObjectNode body = BuildJson.JSON.createObjectNode().put("region", self.name());
    ArrayNode items = body.putArray("runs");
    runs.forEach(r -> items.add(BuildJson.run(r, self.name())));
    return BuildJson.response(200, body);
  }

  /**
   * Stores the body under its sha256 in this region's bucket; the digest is the reference. The
   * body goes to a temp file while it is hashed (at most {@link #MAX_CONTEXT}), never whole into
   * the heap.
   */
  private HttpResponse uploadContext(HttpRequest request) {
    try (ContextUpload upload = ContextUpload.read(request.body(), MAX_CONTEXT)) {
      if (upload.size() == 0) {
        throw new IllegalArgumentException("empty context: send the tar.gz as the body");
      }
      String key = StorageLayout.buildContext(upload.digest());
      if (enqueuer.self().objects().head(key).isEmpty()) {
        try (InputStream in = upload.open()) {
          enqueuer.self().objects().put(key, in, upload.size(), "application/gzip");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      ObjectNode body = BuildJson.JSON.createObjectNode()
          .put("context", upload.digest().toString()).put("size", upload.size())
          .put("region", enqueuer.self().name());
      return BuildJson.response(201, body);
    }
  }

  private BuildRegion holder(RunId id) {
    return enqueuer.region(id.seed()).orElseThrow(() -> ErrorKind.NOT_FOUND.because("no region has seed " + id.seed() + " (run " + id + ")"));
  }

  private static BuildRun existing(BuildRegion holder, RunId id) {
    return holder.runs().get(id).orElseThrow(() -> ErrorKind.NOT_FOUND.because("no run " + id));
  }
}
