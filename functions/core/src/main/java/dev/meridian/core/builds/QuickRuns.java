package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /meridian/v1/runs} (docs/builds.md "Task files"): a quick run of a task file in an
 * uploaded context, as {@code az acr run -f acr-task.yaml .} does. The body is the enqueue body
 * with {@code taskFile} (default {@code acr-task.yaml}) instead of {@code dockerfile} and {@code
 * images}: the file is read and checked now (a bad file is a 400 naming the problem, no run), and
 * the images its build steps tag become the run's images — what its owner must be allowed to
 * push, checked when the run starts, as for any run.
 */
final class QuickRuns {
  static final String DEFAULT_FILE = "acr-task.yaml";
  /** Stands for the run ID while the file is checked at enqueue (no ID is taken yet). */
  private static final String ID_PROBE = "runidprobe";
  private static final String REGISTRY_PROBE = "registry.invalid";

  private QuickRuns() {}

  static HttpResponse enqueue(HttpRequest request, BuildEnqueuer enqueuer,
      ContextReader contexts) {
    byte[] body = AdminRoutes.readBody(request, BuildRoutes.MAX_REQUEST);
    BuildRequest build = BuildJson.request(body).ownedBy(CallerName.of(request));
    String path = taskFile(body);
    TaskFile file = TaskFile.parse(read(enqueuer.self(), contexts, build, path), ID_PROBE,
        REGISTRY_PROBE);
    List<String> outputs = file.outputs().stream()
        .map(i -> i.replace(ID_PROBE, BuildRequest.RUN_ID_PLACEHOLDER)).toList();
    BuildRun run = enqueuer.enqueue(build.withTaskFile(path, outputs), Trigger.MANUAL);
    ObjectNode answer = BuildJson.JSON.createObjectNode()
        .put("runId", run.id().toString())
        .put("status", run.status().wireName())
        .put("region", enqueuer.region(run.id().seed()).map(BuildRegion::name).orElse(""))
        .put("statusUrl", BuildJson.statusUrl(run.id()));
    return BuildJson.response(202, answer).header("Location", BuildJson.statusUrl(run.id()));
  }

  private static String taskFile(byte[] body) {
    try {
      JsonNode node = BuildJson.JSON.readTree(body).get("taskFile");
      return node == null || node.isNull() || node.asText().isBlank() ? DEFAULT_FILE
          : node.asText();
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not JSON: " + e.getMessage());
    }
  }

  private static String read(BuildRegion self, ContextReader contexts, BuildRequest build,
      String path) {
    String key = StorageLayout.buildContext(build.context());
    ObjectContent content = self.objects().get(key).orElseThrow(() -> new IllegalArgumentException(
        "context " + build.context() + " is not in region " + self.name()
            + ": upload it with POST /meridian/v1/builds/contexts"));
    try {
      return contexts.text(content, path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read context " + build.context() + ": "
          + e.getMessage());
    }
  }
}
