package dev.meridian.core.lifecycle.gc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RouteJson;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import java.util.List;

/**
 * {@code POST /meridian/v1/gc[?dryRun=true]}: one run in this region, answered with its report;
 * {@code GET /meridian/v1/gc/runs[?limit=n]}: the newest reports first.
 */
public final class GcRoutes implements AdminRoutes {
  static final int DEFAULT_RUNS = 20;

  private final GarbageCollector collector;

  public GcRoutes(GarbageCollector collector) {
    this.collector = collector;
  }

  @Override
  public List<Route> routes() {
    RoutePermission admin = RoutePermission.of(RegistryPermission.ADMIN);
    return List.of(
        Route.of("POST", RouteTable.PREFIX + "gc", admin, (r, p) -> run(r.query("dryRun"))),
        Route.of("GET", RouteTable.PREFIX + "gc/runs", admin, (r, p) -> runs(r.query("limit"))));
  }

  private HttpResponse run(String dryRun) {
    if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
      throw ErrorKind.INVALID_INPUT.because("dryRun must be true or false, got " + dryRun);
    }
    return RouteJson.response(GcRunJson.toJson(collector.run("true".equals(dryRun))));
  }

  private HttpResponse runs(String limit) {
    ObjectNode body = RouteJson.object();
    ArrayNode runs = body.putArray("runs");
    collector.runs().newest(limit(limit)).forEach(r -> runs.add(GcRunJson.toJson(r)));
    return RouteJson.response(body);
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
    throw ErrorKind.INVALID_INPUT.because("limit must be an integer from 1 to 1000, got " + text);
  }
}
