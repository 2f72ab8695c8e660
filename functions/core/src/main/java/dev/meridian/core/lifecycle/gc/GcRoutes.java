package dev.meridian.core.lifecycle.gc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.admin.AdminJson;
import dev.meridian.core.api.AdminRoutes;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;

/**
 * {@code POST /meridian/v1/gc[?dryRun=true]}: one run in this region, answered with its report;
 * {@code GET /meridian/v1/gc/runs[?limit=n]}: the newest reports first.
 */
public final class GcRoutes {
  static final int DEFAULT_RUNS = 20;

  private final GarbageCollector collector;

  public GcRoutes(GarbageCollector collector) {
    this.collector = collector;
  }

  public HttpResponse handle(HttpRequest request, String path) {
    if (path.equals("gc")) {
      AdminRoutes.requireMethod(request.method(), "POST");
      String dryRun = request.query("dryRun");
      if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
        throw new RegistryException(OciErrorCode.UNSUPPORTED, 400,
            "dryRun must be true or false, got " + dryRun);
      }
      return AdminJson.response(GcRunJson.toJson(collector.run("true".equals(dryRun))));
    }
    if (path.equals("gc/runs")) {
      AdminRoutes.requireMethod(request.method(), "GET");
      ObjectNode body = AdminJson.object();
      ArrayNode runs = body.putArray("runs");
      collector.runs().newest(limit(request.query("limit"))).forEach(
          r -> runs.add(GcRunJson.toJson(r)));
      return AdminJson.response(body);
    }
    throw new RegistryException(OciErrorCode.NAME_UNKNOWN, 404,
        "no such endpoint: /meridian/v1/" + path);
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_RUNS;
    }
    try {
      int n = Integer.parseInt(text);
      if (n > 0 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new RegistryException(OciErrorCode.UNSUPPORTED, 400,
        "limit must be an integer from 1 to 1000, got " + text);
  }
}
